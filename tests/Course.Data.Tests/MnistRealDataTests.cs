using Course.Data;

namespace Course.Data.Tests;

/// <summary>Facts about the real MNIST files in data/mnist (from /work/shared/data/README.md and the original database).</summary>
public class MnistRealDataTests
{
    [Fact]
    public void Load_TrainingSet_Has60000ImagesOf784Bytes()
    {
        var train = RealMnist.Data.Train;
        Assert.Equal(60_000, train.Count);
        Assert.Equal(60_000 * 784, train.Pixels.Length);
        Assert.Equal(60_000, train.Labels.Length);
    }

    [Fact]
    public void Load_TestSet_Has10000ImagesOf784Bytes()
    {
        var test = RealMnist.Data.Test;
        Assert.Equal(10_000, test.Count);
        Assert.Equal(10_000 * 784, test.Pixels.Length);
    }

    [Fact]
    public void Load_FirstTrainingLabels_Are5041921314()
    {
        Assert.Equal(new byte[] { 5, 0, 4, 1, 9, 2, 1, 3, 1, 4 }, RealMnist.Data.Train.Labels[..10]);
    }

    [Fact]
    public void Load_FirstTestLabels_Are7210414959()
    {
        Assert.Equal(new byte[] { 7, 2, 1, 0, 4, 1, 4, 9, 5, 9 }, RealMnist.Data.Test.Labels[..10]);
    }

    [Fact]
    public void Load_TrainingSet_HasThePublishedCountPerDigit()
    {
        int[] expected = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
        var counts = new int[10];
        foreach (byte label in RealMnist.Data.Train.Labels) counts[label]++;
        Assert.Equal(expected, counts);
    }

    [Fact]
    public void LoadTrainAndLoadTest_ReturnTheSameContentAsLoad()
    {
        Assert.Equal(RealMnist.Data.Test.Pixels, Mnist.LoadTest(RealMnist.Folder).Pixels);
        Assert.Equal(RealMnist.Data.Train.Labels, Mnist.LoadTrain(RealMnist.Folder).Labels);
    }

    [Fact]
    public void Image_ReturnsTheIndexthBlockOf784Pixels()
    {
        var train = RealMnist.Data.Train;
        Assert.True(train.Image(1).SequenceEqual(train.Pixels.AsSpan(784, 784)));
        Assert.True(train.Image(59_999).SequenceEqual(train.Pixels.AsSpan(59_999 * 784)));
    }

    [Fact]
    public void Normalize_RealTrainingPixels_SpansExactlyMinusOneToOne()
    {
        var values = new float[RealMnist.Data.Train.Pixels.Length];
        Mnist.Normalize(RealMnist.Data.Train.Pixels, values);
        Assert.Equal(-1f, values.Min());
        Assert.Equal(1f, values.Max());
    }

    [Fact]
    public void Load_LeavesTheDataFolderUntouched()
    {
        var before = Snapshot(RealMnist.Folder);
        Mnist.LoadTest(RealMnist.Folder);
        Assert.Equal(before, Snapshot(RealMnist.Folder));
    }

    static string[] Snapshot(string folder) => Directory.GetFiles(folder)
        .Select(f => new FileInfo(f)).Select(f => $"{f.Name} {f.Length} {f.LastWriteTimeUtc.Ticks}").Order().ToArray();
}
