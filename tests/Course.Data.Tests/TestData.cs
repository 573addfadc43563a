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

/// <summary>A fresh folder under the system temp folder, deleted on Dispose. Tests corrupt copies here, never data/.</summary>
sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "course-data-tests-" + Guid.NewGuid().ToString("N"))).FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, byte[] content)
    {
        System.IO.File.WriteAllBytes(File(name), content);
        return File(name);
    }

    public string WriteGzip(string name, byte[] content) => Write(name, Gzip(content));

    /// <summary>Copies real MNIST files (still gzipped) into this folder.</summary>
    public void CopyReal(params string[] names)
    {
        foreach (string name in names)
            System.IO.File.Copy(RealMnist.File(name), File(name + ".gz"));
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
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
