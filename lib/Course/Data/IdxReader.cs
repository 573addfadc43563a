using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Course.Data;

/// <summary>The images of an IDX3 file: <see cref="Count"/> images of <see cref="Rows"/> × <see cref="Columns"/> bytes, row-major.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels);

/// <summary>
/// Reads IDX files (the format of MNIST and Fashion-MNIST): a big-endian header — the magic number
/// 0x00000803 for images followed by count, rows and columns, or 0x00000801 for labels followed by
/// count — then one unsigned byte per pixel or label. Files may be gzip-compressed or raw; which one is
/// decided by the content (gzip starts with the bytes 1f 8b), not by the name; a gzip file must be a single
/// member (as written by gzip and GZipStream), whose trailer size field is checked.
/// The payload is decompressed straight into the array that is returned: no intermediate copies.
/// </summary>
public static class IdxReader
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;

    /// <summary>Deflate cannot expand data by more than about 1032:1; a header claiming more is corrupt.</summary>
    const long MaxDeflateRatio = 1032;

    /// <summary>Reads an IDX3 image file (magic 0x803).</summary>
    /// <param name="path">The file, gzipped or raw.</param>
    /// <param name="expectedSha256">SHA-256 (hex) of the decompressed content, or null to skip the check.</param>
    /// <exception cref="IdxFileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IdxTruncatedException">The file is shorter than its header declares.</exception>
    /// <exception cref="IdxChecksumException">The content's SHA-256 differs from <paramref name="expectedSha256"/>.</exception>
    /// <exception cref="IdxFormatException">Wrong magic number, bad dimensions, extra bytes, corrupt gzip.</exception>
    public static IdxImages ReadImages(string path, string? expectedSha256 = null)
    {
        var (dimensions, pixels) = Read(path, ImagesMagic, dimensionCount: 3, expectedSha256);
        return new IdxImages(dimensions[0], dimensions[1], dimensions[2], pixels);
    }

    /// <summary>Reads an IDX1 label file (magic 0x801): one byte per item.</summary>
    /// <inheritdoc cref="ReadImages" path="/param"/>
    /// <inheritdoc cref="ReadImages" path="/exception"/>
    public static byte[] ReadLabels(string path, string? expectedSha256 = null)
        => Read(path, LabelsMagic, dimensionCount: 1, expectedSha256).Data;

    static (int[] Dimensions, byte[] Data) Read(string path, int magic, int dimensionCount, string? expectedSha256)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (expectedSha256 is not null && (expectedSha256.Length != 64 || !expectedSha256.All(Uri.IsHexDigit)))
            throw new ArgumentException($"expectedSha256 must be 64 hex digits, got '{expectedSha256}'.", nameof(expectedSha256));
        if (!File.Exists(path))
            throw new IdxFileNotFoundException(path, $"IDX file not found: '{path}'.");

        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IdxFileNotFoundException(path, $"IDX file not found: '{path}'.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IdxFormatException(path, $"Cannot open '{path}': {e.Message}", e);
        }
        using (file)
        {
            long fileLength = file.Length;
            bool gzip = IsGzip(file);
            uint? gzipSizeField = gzip ? ReadGzipSizeField(file) : null;
            using Stream content = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
            try
            {
                return ReadContent(path, content, fileLength, gzip, gzipSizeField, magic, dimensionCount, expectedSha256);
            }
            catch (InvalidDataException e) when (gzip)
            {
                throw new IdxFormatException(path, $"Corrupt gzip data in '{path}': {e.Message}", e);
            }
            catch (IOException e)
            {
                throw new IdxFormatException(path, $"Cannot read '{path}': {e.Message}", e);
            }
        }
    }

    static (int[] Dimensions, byte[] Data) ReadContent(
        string path, Stream content, long fileLength, bool gzip, uint? gzipSizeField, int magic, int dimensionCount, string? expectedSha256)
    {
        string kind = magic == ImagesMagic ? "image" : "label";

        // 1) header: magic, then one big-endian int32 per dimension
        int headerLength = 4 + 4 * dimensionCount;
        var header = new byte[headerLength];
        int headerRead = ReadFully(content, header);
        if (headerRead < headerLength)
            throw Truncated(path, headerLength, headerRead, gzip);
        int actualMagic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (actualMagic != magic)
            throw new IdxFormatException(path,
                $"'{path}' is not an IDX {kind} file: magic number 0x{actualMagic:X8}, expected 0x{magic:X8}.");

        var dimensions = new int[dimensionCount];
        long payloadLength = 1;
        for (int d = 0; d < dimensionCount; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + 4 * d));
            if (dimensions[d] < 0)
                throw new IdxFormatException(path, $"'{path}': dimension {d} is {dimensions[d]}, expected a count of at least 0.");
            payloadLength *= dimensions[d]; // checked each step, so the product never exceeds 2^62
            if (payloadLength > Array.MaxLength)
                throw new IdxFormatException(path,
                    $"'{path}': header declares dimensions {string.Join(" x ", dimensions.Take(d + 1))}, more than one array can hold.");
        }
        long expectedTotal = headerLength + payloadLength;

        // 2) the declared size against the file size, before allocating anything big
        if (!gzip && fileLength < expectedTotal)
            throw Truncated(path, expectedTotal, fileLength, gzip);
        if (!gzip && fileLength > expectedTotal)
            throw new IdxFormatException(path,
                $"'{path}' has {fileLength} bytes but its header declares {string.Join(" x ", dimensions)} {kind} bytes "
                + $"({expectedTotal} bytes with the header): the count does not match the file length.");
        if (gzip && expectedTotal > MaxDeflateRatio * fileLength + 64)
            throw new IdxFormatException(path,
                $"'{path}': header declares {expectedTotal} bytes, more than a {fileLength}-byte gzip file can hold: corrupt header.");

        // 3) payload, decompressed straight into the final array
        var data = GC.AllocateUninitializedArray<byte>((int)payloadLength);
        int payloadRead = ReadFully(content, data);
        if (payloadRead < payloadLength)
            throw Truncated(path, expectedTotal, headerLength + payloadRead, gzip);
        if (gzip && content.ReadByte() >= 0)
            throw new IdxFormatException(path,
                $"'{path}' holds more data than its header declares ({string.Join(" x ", dimensions)} {kind} bytes, "
                + $"{expectedTotal} bytes with the header): the count does not match the file length.");
        // GZipStream ends quietly when the 8-byte trailer (CRC-32, size) is cut off, so compare the size field ourselves
        if (gzipSizeField is uint sizeField && sizeField != (uint)expectedTotal)
            throw new IdxFormatException(path,
                $"'{path}': the gzip trailer records {sizeField} decompressed bytes but the content has {expectedTotal}: "
                + "the file is truncated or damaged at its end (a file of several gzip members is not supported: decompress it).");

        // 4) checksum of the decompressed content
        if (expectedSha256 is not null)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData(header);
            sha.AppendData(data);
            string actual = Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
            string expected = expectedSha256.ToLowerInvariant();
            if (actual != expected)
                throw new IdxChecksumException(path, expected, actual,
                    $"'{path}' has SHA-256 {actual} but {expected} was expected: the file is altered or is not the published one.");
        }
        return (dimensions, data);
    }

    static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        int read = file.Read(magic);
        if (read < 2) read += file.Read(magic[read..]);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    /// <summary>ISIZE, the last 4 bytes of a gzip file: the decompressed length mod 2^32 (little-endian); null if the file is too short.</summary>
    static uint? ReadGzipSizeField(FileStream file)
    {
        if (file.Length < 18) return null; // 10-byte header + 8-byte trailer: smaller cannot be gzip; GZipStream will say so
        Span<byte> field = stackalloc byte[4];
        file.Position = file.Length - 4;
        int read = ReadFully(file, field);
        file.Position = 0;
        return read == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(field) : null;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0) break;
            total += read;
        }
        return total;
    }

    static IdxTruncatedException Truncated(string path, long expected, long actual, bool gzip) => new(path, expected, actual,
        $"'{path}' is truncated: expected {expected} bytes{(gzip ? " after decompression" : "")}, found {actual}.");
}
