using System.Text;

namespace Course.Notebooks.Documents;

/// <summary>
/// Reads and writes notebooks in Polyglot Notebooks' two file formats, chosen by extension: .dib (plain text with
/// <c>#!kernel</c> separators) and .ipynb (Jupyter nbformat 4 JSON with Polyglot's metadata).
/// </summary>
public static class NotebookFile
{
    /// <summary>Reads a .dib or .ipynb file.</summary>
    /// <exception cref="NotebookFormatException">
    /// The file is missing, is not UTF-8 text, has another extension, or is not a well-formed notebook; the message
    /// names the file and, where there is one, the cell.
    /// </exception>
    public static Notebook Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var format = FormatOf(path);
        var text = ReadText(path);
        return format == ".dib" ? DibFormat.Parse(text, path) : IpynbFormat.Parse(text, path);
    }

    /// <summary>Writes <paramref name="notebook"/> to <paramref name="path"/> in the format its extension names (UTF-8, no BOM).</summary>
    /// <exception cref="NotebookFormatException">The extension is neither .dib nor .ipynb.</exception>
    public static void Write(Notebook notebook, string path)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(path);
        var text = FormatOf(path) == ".dib" ? ToDib(notebook) : ToIpynb(notebook);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>Parses the text of a .dib file; <paramref name="path"/> only names the file in error messages.</summary>
    public static Notebook ParseDib(string text, string? path = null) => DibFormat.Parse(text, path);

    /// <summary>The .dib text of <paramref name="notebook"/>, laid out as Polyglot writes it.</summary>
    public static string ToDib(Notebook notebook) => DibFormat.Write(notebook);

    /// <summary>
    /// What writing <paramref name="notebook"/> as .dib would lose, one message per affected cell ("cell N: ..."):
    /// outputs, empty cells, and source lines that would read back as a <c>#!kernel</c> separator. Empty when nothing is lost.
    /// </summary>
    public static IReadOnlyList<string> DibLosses(Notebook notebook) => DibFormat.Losses(notebook);

    /// <summary>Parses the JSON of an .ipynb file; <paramref name="path"/> only names the file in error messages.</summary>
    public static Notebook ParseIpynb(string json, string? path = null) => IpynbFormat.Parse(json, path);

    /// <summary>The .ipynb JSON of <paramref name="notebook"/>, laid out as VS Code writes it.</summary>
    public static string ToIpynb(Notebook notebook) => IpynbFormat.Write(notebook);

    /// <summary>The canonical kernel name for a name or alias, including those the notebook declares; null if unknown.</summary>
    public static string? KernelOf(string name, Notebook notebook) => KernelNames.Resolve(name, notebook.Kernels);

    /// <summary>".dib" or ".ipynb" (lower case) for a path with that extension.</summary>
    /// <exception cref="NotebookFormatException">Any other extension.</exception>
    public static string FormatOf(string path)
    {
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".dib" or ".ipynb") return extension;
        throw new NotebookFormatException(
            $"unknown notebook extension '{System.IO.Path.GetExtension(path)}': expected .dib or .ipynb.", path);
    }

    /// <summary>The file's text, refusing a missing file, NUL bytes and invalid UTF-8; a UTF-8 BOM is skipped.</summary>
    static string ReadText(string path)
    {
        if (Directory.Exists(path))
            throw new NotebookFormatException("is a folder, not a notebook file.", path);
        if (!File.Exists(path))
            throw new NotebookFormatException("file not found: expected an existing .dib or .ipynb file.", path);
        var bytes = File.ReadAllBytes(path);
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
            throw new NotebookFormatException(
                $"binary file (NUL byte at offset {nul}): expected UTF-8 notebook text.", path);
        var start = bytes.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            throw new NotebookFormatException(
                $"not valid UTF-8 (bad byte at offset {start + e.Index}): expected UTF-8 notebook text.", path, inner: e);
        }
    }

    static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
