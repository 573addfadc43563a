namespace Course.Data;

/// <summary>
/// An IDX data file (or the folder that should hold it) cannot be used: wrong magic number, bad
/// dimensions, a declared count that disagrees with the file length, labels out of range, corrupt gzip.
/// The message names the file and the problem; <see cref="FilePath"/> holds the path.
/// Subclasses mark the cases a caller may want to tell apart: a missing file or folder, a truncated
/// file, a checksum mismatch.
/// </summary>
public class IdxFormatException : Exception
{
    public IdxFormatException(string filePath, string message, Exception? innerException = null)
        : base(message, innerException) => FilePath = filePath;

    /// <summary>The file (or folder) the problem was found in.</summary>
    public string FilePath { get; }
}

/// <summary>The data folder or one of its files does not exist. The message says how to get the data.</summary>
public sealed class IdxFileNotFoundException(string filePath, string message)
    : IdxFormatException(filePath, message);

/// <summary>The file ends before the header says it should: <see cref="ActualBytes"/> &lt; <see cref="ExpectedBytes"/>.</summary>
public sealed class IdxTruncatedException(string filePath, long expectedBytes, long actualBytes, string message)
    : IdxFormatException(filePath, message)
{
    /// <summary>Bytes of (decompressed) IDX content the header promises: header plus payload.</summary>
    public long ExpectedBytes { get; } = expectedBytes;

    /// <summary>Bytes of (decompressed) IDX content actually found.</summary>
    public long ActualBytes { get; } = actualBytes;
}

/// <summary>The SHA-256 of the decompressed content differs from the published value: the file was altered.</summary>
public sealed class IdxChecksumException(string filePath, string expectedSha256, string actualSha256, string message)
    : IdxFormatException(filePath, message)
{
    /// <summary>The published SHA-256, lowercase hex.</summary>
    public string ExpectedSha256 { get; } = expectedSha256;

    /// <summary>The SHA-256 computed from the file's decompressed content, lowercase hex.</summary>
    public string ActualSha256 { get; } = actualSha256;
}
