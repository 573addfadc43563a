using Course.Data;

namespace Course.Data.Tests;

/// <summary>
/// Hundreds of random truncations and byte flips of small valid IDX files: the reader must either return
/// well-formed data or throw the documented <see cref="IdxFormatException"/> — never anything else.
/// </summary>
public class CorruptionTests
{
    static readonly byte[] Images = Idx.Images(5, 4, 3);
    static readonly byte[] Labels = Idx.Labels(3, 1, 4, 1, 5, 9, 2, 6);

    public static TheoryData<string, bool> Cases => new()
    {
        { "images", false }, { "images", true }, { "labels", false }, { "labels", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Read_RandomlyCorruptedFile_ReturnsValidDataOrThrowsIdxFormatException(string kind, bool gzip)
    {
        byte[] original = kind == "images" ? Images : Labels;
        byte[] file = gzip ? DataFiles.Gzip(original) : original;
        var random = new SeededRandom(kind.Length * 2 + (gzip ? 1 : 0));
        using var temp = new ScratchFolder("course-data-tests-");
        string path = temp.File("corrupt");
        int returned = 0, thrown = 0;

        for (int trial = 0; trial < 300; trial++)
        {
            byte[] corrupt = Corrupt(file, random, out string what);
            File.WriteAllBytes(path, corrupt);
            try
            {
                if (kind == "images")
                {
                    var read = IdxReader.ReadImages(path);
                    Assert.Equal(read.Count * read.Rows * read.Columns, read.Pixels.Length);
                }
                else
                {
                    IdxReader.ReadLabels(path);
                }
                returned++;
            }
            catch (IdxFormatException e)
            {
                Assert.Equal(path, e.FilePath);
                thrown++;
            }
            catch (Exception e)
            {
                Assert.Fail($"trial {trial} ({what}): {e.GetType().Name} escaped instead of IdxFormatException: {e.Message}");
            }
        }
        Assert.True(thrown > 100, $"only {thrown} of 300 corruptions were detected ({returned} returned)");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Read_CorruptedFileWithChecksum_ReturnsOnlyTheOriginalContent(string kind, bool gzip)
    {
        byte[] original = kind == "images" ? Images : Labels;
        byte[] file = gzip ? DataFiles.Gzip(original) : original;
        string sha = Idx.Sha256(original);
        var random = new SeededRandom(42);
        using var temp = new ScratchFolder("course-data-tests-");
        string path = temp.File("corrupt");

        for (int trial = 0; trial < 200; trial++)
        {
            File.WriteAllBytes(path, Corrupt(file, random, out string what));
            try
            {
                byte[] payload = kind == "images" ? IdxReader.ReadImages(path, sha).Pixels : IdxReader.ReadLabels(path, sha);
                Assert.True(payload.AsSpan().SequenceEqual(original.AsSpan(kind == "images" ? 16 : 8)),
                    $"trial {trial} ({what}): the checksum passed but the content differs");
            }
            catch (IdxFormatException) { }
        }
    }

    /// <summary>Either truncates the file at a random length or flips 1-3 random bytes to random values.</summary>
    static byte[] Corrupt(byte[] file, SeededRandom random, out string what)
    {
        if (random.NextInt(2) == 0)
        {
            int length = random.NextInt(file.Length);
            what = $"truncated to {length} of {file.Length} bytes";
            return file[..length];
        }
        byte[] copy = (byte[])file.Clone();
        int flips = 1 + random.NextInt(3);
        what = "";
        for (int f = 0; f < flips; f++)
        {
            int at = random.NextInt(copy.Length);
            copy[at] ^= (byte)(1 + random.NextInt(255));
            what += $"byte {at} changed; ";
        }
        return copy;
    }
}
