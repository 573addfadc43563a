using Course.Data;

namespace Course.Data.Tests;

/// <summary>One test per kind of bad input, each made in a temp folder from copies of the real files (data/ is never touched).</summary>
public class BadInputTests
{
    const string TestImages = Mnist.TestImagesFile, TestLabels = Mnist.TestLabelsFile;

    [Fact]
    public void Load_MissingFolder_ThrowsNamingTheFolderAndWhereTheDataShips()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        string missing = temp.File("no-such-folder");

        var e = Assert.Throws<IdxFileNotFoundException>(() => Mnist.Load(missing));
        Assert.Equal(missing, e.FilePath);
        Assert.Contains(missing, e.Message);
        Assert.Contains("data/mnist", e.Message);
    }

    [Fact]
    public void Load_MissingLabelFile_ThrowsNamingTheFileAndWhereTheDataShipsBeforeReadingAnything()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        temp.CopyReal(Mnist.TrainLabelsFile, TestImages);
        temp.Write(Mnist.TrainImagesFile, [1, 2, 3]); // broken, but the missing file is what must be reported

        var e = Assert.Throws<IdxFileNotFoundException>(() => Mnist.Load(temp.Path));
        Assert.Contains(TestLabels, e.FilePath);
        Assert.Contains(TestLabels, e.Message);
        Assert.Contains("fresh clone", e.Message);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFoundWithPath()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        var e = Assert.Throws<IdxFileNotFoundException>(() => IdxReader.ReadLabels(temp.File("absent")));
        Assert.Equal(temp.File("absent"), e.FilePath);
    }

    [Fact]
    public void Read_TruncatedImageFile_ThrowsWithPathAndByteCount()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        byte[] content = RealMnist.Decompressed(TestImages);
        string path = temp.Write(TestImages, content[..1_000_000]);

        var e = Assert.Throws<IdxTruncatedException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(7_840_016, e.ExpectedBytes);
        Assert.Equal(1_000_000, e.ActualBytes);
        Assert.Contains(path, e.Message);
        Assert.Contains("7840016", e.Message);
        Assert.Contains("1000000", e.Message);
    }

    [Fact]
    public void Read_TruncatedGzipFile_ThrowsTruncatedOrCorruptGzipWithPath()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        byte[] gz = File.ReadAllBytes(RealMnist.File(TestImages));
        string path = temp.Write(TestImages + ".gz", gz[..(gz.Length / 2)]);

        var e = Assert.ThrowsAny<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.FilePath);
        Assert.True(e is IdxTruncatedException || e.Message.Contains("gzip"), e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void Read_GzipFileMissingTheEndOfItsTrailer_ThrowsTruncatedOrDamaged(int bytesCut)
    {
        // all the data decompresses: only the CRC-32 and size fields at the very end are gone
        using var temp = new ScratchFolder("course-data-tests-");
        byte[] gz = File.ReadAllBytes(RealMnist.File(TestLabels));
        string path = temp.Write(TestLabels + ".gz", gz[..^bytesCut]);

        var e = Assert.ThrowsAny<IdxFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Read_FileCutInsideTheHeader_ThrowsTruncatedWithByteCount()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        string path = temp.Write("labels", Idx.Labels(1, 2, 3)[..6]);

        var e = Assert.Throws<IdxTruncatedException>(() => IdxReader.ReadLabels(path));
        Assert.Equal(8, e.ExpectedBytes);
        Assert.Equal(6, e.ActualBytes);
    }

    [Fact]
    public void Read_LabelFileAsImages_ThrowsWrongMagicNamingBothNumbers()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        temp.CopyReal(TestLabels);
        string path = temp.File(TestLabels + ".gz");

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("0x00000801", e.Message);
        Assert.Contains("0x00000803", e.Message);
    }

    [Fact]
    public void Read_ExtraBytesAfterDeclaredImages_ThrowsCountMismatch()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        byte[] content = [.. Idx.Images(2, 28, 28), .. new byte[784]]; // three images' worth, two declared
        string raw = temp.Write("raw", content);
        string gz = temp.WriteGzip("gz", content);

        foreach (string path in new[] { raw, gz })
        {
            var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
            Assert.Equal(path, e.FilePath);
            Assert.Contains("count does not match", e.Message);
        }
    }

    [Fact]
    public void Load_LabelCountDiffersFromImageCount_ThrowsNamingBothFilesAndCounts()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        temp.CopyReal(Mnist.TrainImagesFile, TestImages, TestLabels);
        File.Copy(RealMnist.File(TestLabels), temp.File(Mnist.TrainLabelsFile + ".gz")); // 10,000 labels for 60,000 images

        var e = Assert.Throws<IdxFormatException>(() => Mnist.Load(temp.Path, verifyChecksums: false));
        Assert.Contains(Mnist.TrainLabelsFile, e.FilePath);
        Assert.Contains("10000 labels", e.Message);
        Assert.Contains("60000 images", e.Message);
    }

    [Fact]
    public void Read_CorruptGzip_ThrowsCorruptGzipWithPath()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        byte[] gz = File.ReadAllBytes(RealMnist.File(TestImages));
        for (int i = 1000; i < 1100; i++) gz[i] ^= 0x5A;
        string path = temp.Write(TestImages + ".gz", gz);

        var e = Assert.ThrowsAny<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Read_GzipWithBadCrc_ThrowsCorruptGzip()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        byte[] gz = DataFiles.Gzip(Idx.Labels(1, 2, 3));
        gz[^8] ^= 0xFF; // the CRC-32 of the trailer: the deflate data itself is intact
        string path = temp.Write("labels.gz", gz);

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("gzip", e.Message);
        Assert.IsType<InvalidDataException>(e.InnerException);
    }

    [Fact]
    public void Load_OnePixelAltered_ThrowsChecksumMismatchNamingFileAndBothHashes()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        temp.CopyReal(Mnist.TrainImagesFile, Mnist.TrainLabelsFile, TestLabels);
        byte[] content = RealMnist.Decompressed(TestImages);
        content[16 + 784 * 5000 + 400] ^= 1;
        string path = temp.Write(TestImages, content); // raw, so also shows raw files are accepted

        var e = Assert.Throws<IdxChecksumException>(() => Mnist.Load(temp.Path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(Mnist.CanonicalSha256[TestImages], e.ExpectedSha256);
        Assert.Equal(Idx.Sha256(content), e.ActualSha256);
        Assert.Contains(e.ExpectedSha256, e.Message);
        Assert.Contains(e.ActualSha256, e.Message);
    }

    [Fact]
    public void Load_OnePixelAlteredWithoutChecksums_LoadsTheAlteredPixel()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        temp.CopyReal(Mnist.TrainImagesFile, Mnist.TrainLabelsFile, TestLabels);
        byte[] content = RealMnist.Decompressed(TestImages);
        content[16 + 784 * 5000 + 400] ^= 1;
        temp.Write(TestImages, content);

        var test = Mnist.LoadTest(temp.Path, verifyChecksums: false);
        Assert.Equal(content[16 + 784 * 5000 + 400], test.Image(5000)[400]);
        Assert.NotEqual(RealMnist.Data.Test.Image(5000)[400], test.Image(5000)[400]);
    }

    [Fact]
    public void Load_LabelOutsideZeroToNine_ThrowsNamingFileIndexAndValue()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        temp.Write(Mnist.TestImagesFile, Idx.Images(3, 28, 28));
        string labels = temp.Write(Mnist.TestLabelsFile, Idx.Labels(1, 10, 2));

        var e = Assert.Throws<IdxFormatException>(() => Mnist.LoadTest(temp.Path, verifyChecksums: false));
        Assert.Equal(labels, e.FilePath);
        Assert.Contains("label 1 is 10", e.Message);
    }

    [Fact]
    public void Load_ImagesNot28By28_ThrowsNamingTheDimensions()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        string images = temp.Write(Mnist.TestImagesFile, Idx.Images(2, 14, 14));
        temp.Write(Mnist.TestLabelsFile, Idx.Labels(1, 2));

        var e = Assert.Throws<IdxFormatException>(() => Mnist.LoadTest(temp.Path, verifyChecksums: false));
        Assert.Equal(images, e.FilePath);
        Assert.Contains("14x14", e.Message);
        Assert.Contains("28x28", e.Message);
    }

    [Fact]
    public void Read_HeaderDeclaringMoreThanAnArrayHolds_ThrowsInsteadOfAllocating()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        byte[] content = Idx.Images(1, 28, 28);
        content[4] = 0x7F; // count becomes about 2^31
        string path = temp.Write("huge", content);

        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void Load_BothGzipAndRawPresent_PrefersGzip()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        temp.CopyReal(TestImages, TestLabels);
        temp.Write(TestImages, [1, 2, 3]); // a broken raw file next to the good gzip one

        Assert.Equal(RealMnist.Data.Test.Pixels, Mnist.LoadTest(temp.Path).Pixels);
    }

    [Fact]
    public void Load_OtherIdxSetOfTheSameLayout_LoadsWithoutChecksumsAndFailsWithThem()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        temp.WriteGzip(Mnist.TrainImagesFile + ".gz", Idx.Images(3, 28, 28, i => (byte)(i % 251)));
        temp.Write(Mnist.TrainLabelsFile, Idx.Labels(9, 0, 3));
        temp.Write(Mnist.TestImagesFile, Idx.Images(2, 28, 28));
        temp.WriteGzip(Mnist.TestLabelsFile + ".gz", Idx.Labels(4, 4));

        var data = Mnist.Load(temp.Path, verifyChecksums: false);
        Assert.Equal(new byte[] { 9, 0, 3 }, data.Train.Labels);
        Assert.Equal((byte)((784 + 250) % 251), data.Train.Image(1)[250]); // pixel 784+250 of the payload
        Assert.Equal(2, data.Test.Count);
        var e = Assert.Throws<IdxChecksumException>(() => Mnist.Load(temp.Path));
        Assert.Contains("verifyChecksums: false", e.Message);
    }

    [Fact]
    public void Load_WithOwnChecksumTable_ChecksEachListedFile()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        byte[] labels = Idx.Labels(9, 0, 3);
        temp.Write(Mnist.TrainImagesFile, Idx.Images(3, 28, 28));
        temp.Write(Mnist.TrainLabelsFile, labels);
        temp.Write(Mnist.TestImagesFile, Idx.Images(2, 28, 28));
        temp.Write(Mnist.TestLabelsFile, Idx.Labels(4, 4));

        var good = new Dictionary<string, string> { [Mnist.TrainLabelsFile] = Idx.Sha256(labels) };
        Assert.Equal(3, Mnist.Load(temp.Path, good).Train.Count);

        var bad = new Dictionary<string, string> { [Mnist.TrainLabelsFile] = new string('0', 64) };
        var e = Assert.Throws<IdxChecksumException>(() => Mnist.Load(temp.Path, bad));
        Assert.Equal(temp.File(Mnist.TrainLabelsFile), e.FilePath);
    }
}
