namespace Course.Sequences;

/// <summary>
/// A corpus text file cannot be used: it is missing, its SHA-256 differs from the published value, it is not
/// valid UTF-8, or it is empty. The message names the file and what was expected; <see cref="FilePath"/> holds the path.
/// </summary>
public class TextCorpusException(string filePath, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The file (or folder) the problem was found in.</summary>
    public string FilePath { get; } = filePath;
}

/// <summary>The corpus folder or one of its files does not exist.</summary>
public sealed class TextCorpusNotFoundException(string filePath, string message) : TextCorpusException(filePath, message);

/// <summary>The SHA-256 of the file differs from the one in data/README.md: the file was altered.</summary>
public sealed class TextCorpusChecksumException(string filePath, string expectedSha256, string actualSha256, string message)
    : TextCorpusException(filePath, message)
{
    /// <summary>The published SHA-256, lowercase hex.</summary>
    public string ExpectedSha256 { get; } = expectedSha256;

    /// <summary>The SHA-256 of the file as found, lowercase hex.</summary>
    public string ActualSha256 { get; } = actualSha256;
}
