using System.Security.Cryptography;
using System.Text;

namespace Course.Sequences;

/// <summary>
/// The English text the recurrent language model learns from: the King James Version of the first five books of
/// the Bible (public domain), Genesis to Numbers for training and Deuteronomy, a book the model never trains on,
/// for validation. Shipped in the repository's <c>data/text</c>; provenance, licence and checksums in data/README.md.
/// </summary>
/// <param name="Train">The training text, 668,667 characters.</param>
/// <param name="Validation">The validation text, 146,434 characters.</param>
public sealed record TextCorpus(string Train, string Validation)
{
    /// <summary>The training file's name in the corpus folder.</summary>
    public const string TrainFile = "kjv-train.txt";

    /// <summary>The validation file's name in the corpus folder.</summary>
    public const string ValidationFile = "kjv-validation.txt";

    /// <summary>The SHA-256 of each file, as in data/README.md.</summary>
    public static IReadOnlyDictionary<string, string> Checksums { get; } = new Dictionary<string, string>
    {
        [TrainFile] = "874944f0830288261d4d71df449a9194a23dc04fa4f82654daf2faedcef578a5",
        [ValidationFile] = "de9c2bb95b51be3270e3990680f2711b7fdaff4c69978b5670ec862b9c65ab7f",
    };

    /// <summary>Reads both files of <paramref name="folder"/>, each checked against <see cref="Checksums"/>.</summary>
    /// <param name="folder">The folder holding the two files; null (default) finds the repository's data/text.</param>
    /// <param name="verifyChecksums">False to accept other texts under the same two names (default true).</param>
    /// <exception cref="TextCorpusException">A file is missing, altered, not UTF-8 or empty; the message names it.</exception>
    public static TextCorpus Load(string? folder = null, bool verifyChecksums = true)
    {
        folder ??= FindDataFolder();
        if (!Directory.Exists(folder))
            throw new TextCorpusNotFoundException(folder, $"Corpus folder '{folder}' does not exist; expected a folder holding {TrainFile} and {ValidationFile} (the repository's data/text).");
        string Read(string name) => ReadText(Path.Combine(folder, name), verifyChecksums ? Checksums[name] : null);
        return new TextCorpus(Read(TrainFile), Read(ValidationFile));
    }

    /// <summary>Reads one UTF-8 text file, strictly: invalid bytes are an error, not replaced.</summary>
    /// <param name="path">The file.</param>
    /// <param name="expectedSha256">Its SHA-256 in lowercase hex, or null to skip the check.</param>
    /// <exception cref="TextCorpusException">Missing, checksum differs, not UTF-8 (with the byte offset), or empty.</exception>
    public static string ReadText(string path, string? expectedSha256 = null)
    {
        if (!File.Exists(path))
            throw new TextCorpusNotFoundException(path, $"Corpus file '{path}' does not exist. The corpus ships in the repository's data/text folder (see data/README.md).");
        byte[] bytes = File.ReadAllBytes(path);
        if (expectedSha256 is not null)
        {
            string actual = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
            if (actual != expectedSha256)
                throw new TextCorpusChecksumException(path, expectedSha256, actual,
                    $"Corpus file '{path}' has SHA-256 {actual}, expected {expectedSha256} (data/README.md): the file was altered or is another text.");
        }
        if (bytes.Length == 0)
            throw new TextCorpusException(path, $"Corpus file '{path}' is empty; expected UTF-8 text.");
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new TextCorpusException(path, $"Corpus file '{path}' is not valid UTF-8: invalid byte at offset {e.Index}; expected UTF-8 text.", e);
        }
    }

    /// <summary>
    /// Finds the repository's <c>data/text</c> folder by walking up from <paramref name="startDirectory"/>, or by
    /// default from the current directory, the library's folder and the folder it was compiled from.
    /// </summary>
    /// <exception cref="TextCorpusNotFoundException">No parent holds data/text; the message lists where it looked.</exception>
    public static string FindDataFolder(string? startDirectory = null)
    {
        string? found = Course.Data.RepositoryFolder.Find(Path.Combine("data", "text"), startDirectory, out string[] starts);
        return found ?? throw new TextCorpusNotFoundException(startDirectory ?? starts[0],
            $"No data/text folder found in {Course.Data.RepositoryFolder.Describe(starts)} or any of their parents; "
            + "run from inside the repository, or pass the folder, e.g. TextCorpus.Load(\"/path/to/repo/data/text\").");
    }
}
