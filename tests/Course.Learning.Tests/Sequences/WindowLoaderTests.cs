using Course.Sequences;

namespace Course.Learning.Tests.Sequences;

public class WindowLoaderTests
{
    static readonly int[] Stream = Enumerable.Range(0, 101).ToArray();   // token i has id i: a window shows where it was cut

    [Fact]
    public void Epoch_TargetsAreTheNextTokens_AndEveryWindowIsServedOnce()
    {
        var loader = new WindowLoader(Stream, sequences: 4, steps: 5, seed: 3);   // (101 − 1) / 5 = 20 windows, 5 batches
        Assert.Equal(20, loader.Windows);
        Assert.Equal(5, loader.BatchesPerEpoch);
        var starts = new List<int>();
        foreach (var batch in loader.NextEpoch())
            for (int s = 0; s < 4; s++)
            {
                int start = batch.Inputs[s];
                Assert.Equal(0, start % 5);
                starts.Add(start);
                for (int t = 0; t < 5; t++)
                {
                    Assert.Equal(start + t, batch.Inputs[t * 4 + s]);        // time-major: row t·B + s
                    Assert.Equal(start + t + 1, batch.Targets[t * 4 + s]);
                }
            }
        Assert.Equal(Enumerable.Range(0, 20).Select(w => w * 5), starts.Order());
    }

    [Fact]
    public void SameSeed_SameBatches_OtherSeed_OtherOrder_AndOneBatchObjectIsReused()
    {
        int[] Firsts(int seed) => new WindowLoader(Stream, 4, 5, seed).NextEpoch().Select(b => b.Inputs[0]).ToArray();
        Assert.Equal(Firsts(7), Firsts(7));
        Assert.NotEqual(Firsts(7), Firsts(8));
        var loader = new WindowLoader(Stream, 4, 5, 7);
        Assert.Single(loader.NextEpoch().Distinct());
        Assert.NotEqual(loader.NextEpoch().Select(b => b.Inputs[0]).ToArray(), new WindowLoader(Stream, 4, 5, 7).NextEpoch().Select(b => b.Inputs[0]).ToArray());
    }

    [Fact]
    public void NextBatch_AllocatesNothing()
    {
        var loader = new WindowLoader(Enumerable.Range(0, 100_001).ToArray(), 32, 24, 0);
        using var batches = loader.NextEpoch().GetEnumerator();
        batches.MoveNext();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) batches.MoveNext();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TooFewTokens_ThrowsNamingTheCounts()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new WindowLoader(new int[50], sequences: 8, steps: 10, seed: 0));
        Assert.Contains("50 tokens make 4 windows of 10", e.Message);
        Assert.Contains("at least 81 tokens", e.Message);
    }
}
