using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Course;

/// <summary>
/// A file taken from an npm package (data/plotly, data/katex; scripts/vendor-npm.sh) and embedded in an assembly by
/// lib/Vendored.targets: gzip-compressed as the resource "vendored/&lt;name&gt;.gz", beside the folder's SHA256SUMS.
/// Reading it checks the decompressed bytes against SHA256SUMS again, so what a page receives is exactly the npm file.
/// </summary>
internal static class VendoredFile
{
    /// <summary>The file's bytes, checked against the SHA-256 that the embedded SHA256SUMS lists for <paramref name="name"/>.</summary>
    /// <param name="assembly">The assembly that embeds the file.</param>
    /// <param name="name">The file's path in its data/ folder, e.g. "plotly.min.js" or "fonts/KaTeX_Main-Regular.woff2".</param>
    /// <exception cref="InvalidOperationException">The file is not embedded, or its bytes do not have the listed SHA-256.</exception>
    public static byte[] ReadBytes(Assembly assembly, string name)
    {
        string expected = Sums(assembly).TryGetValue(name, out var hash) ? hash
            : throw new InvalidOperationException($"{assembly.GetName().Name} embeds no vendored file '{name}' (its SHA256SUMS does not list it).");
        using var stream = assembly.GetManifestResourceStream("vendored/" + name + ".gz")
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} lists '{name}' in SHA256SUMS but does not embed it.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        byte[] content = bytes.ToArray();
        string actual = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
        if (actual != expected)
            throw new InvalidOperationException($"The vendored file '{name}' in {assembly.GetName().Name} has SHA-256 {actual}, but SHA256SUMS lists {expected}.");
        return content;
    }

    /// <summary>The file as UTF-8 text (see <see cref="ReadBytes"/>).</summary>
    public static string ReadText(Assembly assembly, string name) => Encoding.UTF8.GetString(ReadBytes(assembly, name));

    /// <summary>Every file the embedded SHA256SUMS lists, name → lower-case hex SHA-256.</summary>
    public static IReadOnlyDictionary<string, string> Sums(Assembly assembly)
    {
        using var stream = assembly.GetManifestResourceStream("vendored/SHA256SUMS")
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} embeds no vendored files (no SHA256SUMS resource).");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var hash, var file])
                sums[file.Trim().TrimStart('*')] = hash.ToLowerInvariant();
        return sums;
    }
}
