using System.Buffers.Binary;
using System.IO.Compression;
using Course.Data;

namespace Course.Data.Tests;

/// <summary>The real MNIST files, found from the test's base directory and loaded once for all tests.</summary>
static class RealMnist
{
    /// <summary>
    /// data/mnist above the test's base directory; when the build output lives outside the repository
    /// (COURSE_ARTIFACTS=/tmp/...), the default search, which also tries the folder the library was compiled from.
    /// </summary>
    public static string Folder { get; } = Find();

    static string Find()
    {
        try { return Mnist.FindDataFolder(AppContext.BaseDirectory); }
        catch (IdxFileNotFoundException) { return Mnist.FindDataFolder(); }
    }

    static readonly Lazy<MnistData> data = new(() => Mnist.Load(Folder));
    public static MnistData Data => data.Value;

    public static string File(string name) => Path.Combine(Folder, name + ".gz");

    /// <summary>The decompressed content of one of the real files.</summary>
    public static byte[] Decompressed(string name)
    {
        using var gz = new GZipStream(System.IO.File.OpenRead(File(name)), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gz.CopyTo(memory);
        return memory.ToArray();
    }
}

/// <summary>What the data tests add to the shared <see cref="ScratchFolder"/>: gzipped files and copies of the real ones.</summary>
static class DataFiles
{
    public static string WriteGzip(this ScratchFolder folder, string name, byte[] content) => folder.Write(name, Gzip(content));

    /// <summary>Copies real MNIST files (still gzipped) into the folder.</summary>
    public static void CopyReal(this ScratchFolder folder, params string[] names)
    {
        foreach (string name in names)
            System.IO.File.Copy(RealMnist.File(name), folder.File(name + ".gz"));
    }

    public static byte[] Gzip(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gz = new GZipStream(memory, CompressionLevel.Fastest)) gz.Write(content);
        return memory.ToArray();
    }
}

/// <summary>Builds small IDX files byte by byte, so tests state exactly what the reader receives.</summary>
static class Idx
{
    public static byte[] Images(int count, int rows, int columns, Func<int, byte>? pixel = null, int magic = IdxReader.ImagesMagic)
    {
        var bytes = new byte[16 + count * rows * columns];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0), magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        for (int i = 16; i < bytes.Length; i++) bytes[i] = pixel?.Invoke(i - 16) ?? (byte)(i * 7);
        return bytes;
    }

    public static byte[] Labels(params byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0), IdxReader.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    public static string Sha256(byte[] content) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content)).ToLowerInvariant();
}
