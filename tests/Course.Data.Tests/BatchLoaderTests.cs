using Course.Data;

namespace Course.Data.Tests;

public class BatchLoaderTests
{
    static MnistSet Train => RealMnist.Data.Train;

    /// <summary>A small set whose image i has every pixel equal to i and label i mod 10, so a row shows where it came from.</summary>
    static MnistSet Small(int count)
    {
        var pixels = new byte[count * 784];
        for (int i = 0; i < count; i++) pixels.AsSpan(i * 784, 784).Fill((byte)i);
        return new MnistSet(pixels, Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray());
    }

    static List<int[]> EpochIndices(BatchLoader loader) => loader.NextEpoch().Select(b => b.Indices.ToArray()).ToList();

    [Fact]
    public void BatchesPerEpoch_For60000ImagesAt64_Is938()
    {
        var loader = new BatchLoader(Train);
        Assert.Equal(64, loader.BatchSize);
        Assert.Equal(938, loader.BatchesPerEpoch);
        Assert.Equal(938, loader.NextEpoch().Count());
    }

    [Fact]
    public void NextEpoch_RealTrainingSet_CoversEveryIndexExactlyOnceAndEndsWithABatchOf32()
    {
        var batches = EpochIndices(new BatchLoader(Train, seed: 1));

        Assert.All(batches.Take(937), b => Assert.Equal(64, b.Length));
        Assert.Equal(32, batches[^1].Length); // 60,000 = 937 * 64 + 32
        Assert.Equal(Enumerable.Range(0, 60_000), batches.SelectMany(b => b).Order());
    }

    [Fact]
    public void NextEpoch_Batch_HoldsTheNormalizedImagesAndLabelsOfItsIndices()
    {
        foreach (var batch in new BatchLoader(Train, seed: 3).NextEpoch().Take(3))
        {
            for (int r = 0; r < batch.Count; r++)
            {
                int index = batch.Indices[r];
                Assert.Equal(Train.Labels[index], batch.Labels[r]);
                for (int p = 0; p < 784; p += 13)
                    Assert.Equal(Mnist.Normalize(Train.Image(index)[p]), batch.Inputs[r * 784 + p]);
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NextEpoch_AlternatesTwoBatchObjects_AllocatingNonePerBatch(bool fillAhead)
    {
        var loader = new BatchLoader(Small(10), batchSize: 3) { FillAhead = fillAhead };
        var seen = new List<Batch>();
        foreach (var batch in loader.NextEpoch()) seen.Add(batch);
        foreach (var batch in loader.NextEpoch()) seen.Add(batch);

        Assert.Equal(8, seen.Count);
        Assert.NotSame(seen[0], seen[1]);
        for (int k = 2; k < seen.Count; k++) Assert.Same(seen[k % 2], seen[k]);
    }

    [Fact]
    public void NextEpoch_FillingAhead_AllocatesNothingAfterTheFirstBatchEvenWhenItWaitsForTheFiller()
    {
        // A consumer that does no work asks for each batch while the filler thread is still on it, so the loader
        // waits for the thread hundreds of times: a wait through a Monitor (SemaphoreSlim, ManualResetEventSlim)
        // allocates its wait machinery on the waiting thread (about 4.6 KB the first time in a process, then 56 bytes
        // per new lock), which a training step must not.
        var loader = new BatchLoader(Small(2000), batchSize: 8, seed: 4) { FillAhead = true };
        long allocated = 0;
        for (int epoch = 0; epoch < 20; epoch++)
        {
            long first = 0;
            int k = 0;
            foreach (var batch in loader.NextEpoch())
                if (k++ == 0) first = GC.GetAllocatedBytesForCurrentThread();
            allocated += GC.GetAllocatedBytesForCurrentThread() - first;
        }
        Assert.True(allocated == 0, $"20 epochs of 250 batches allocated {allocated} bytes after their first batch");
    }

    [Fact]
    public void NextEpoch_FillingAhead_GivesExactlyTheBatchesOfFillingInTurn()
    {
        var set = Small(1000);
        var ahead = new BatchLoader(set, batchSize: 64, seed: 5) { FillAhead = true };
        var inTurn = new BatchLoader(set, batchSize: 64, seed: 5) { FillAhead = false };
        for (int epoch = 0; epoch < 2; epoch++)
        {
            // copies of each batch as the consumer sees it, before the next MoveNext
            var a = ahead.NextEpoch().Select(b => (b.Indices.ToArray(), b.Inputs.ToArray(), b.Labels.ToArray())).ToList();
            var t = inTurn.NextEpoch().Select(b => (b.Indices.ToArray(), b.Inputs.ToArray(), b.Labels.ToArray())).ToList();
            Assert.Equal(t.Count, a.Count);
            for (int k = 0; k < t.Count; k++)
            {
                Assert.Equal(t[k].Item1, a[k].Item1);
                Assert.True(t[k].Item2.AsSpan().SequenceEqual(a[k].Item2), $"epoch {epoch}, batch {k}: inputs differ");
                Assert.Equal(t[k].Item3, a[k].Item3);
            }
        }
    }

    [Fact]
    public void NextEpoch_LeftEarly_EndsItsFillerAndTheNextEpochIsComplete()
    {
        var loader = new BatchLoader(Small(100), batchSize: 8, seed: 2) { FillAhead = true };
        foreach (var batch in loader.NextEpoch())
            if (batch.Indices[0] >= 0) break; // leave after the first batch, while the second is being filled

        var next = loader.NextEpoch().SelectMany(b => b.Indices.ToArray()).ToList();
        Assert.Equal(Enumerable.Range(0, 100), next.Order());
    }

    [Fact]
    public void NextEpoch_LastPartialBatch_ClearsTheRowsOfThePreviousBatch()
    {
        var loader = new BatchLoader(Small(10), batchSize: 4, shuffle: false);
        var last = loader.NextEpoch().Last();

        Assert.Equal(2, last.Count);
        Assert.Equal(new[] { 8, 9 }, last.Indices.ToArray());
        Assert.Equal(Mnist.Normalize(9), last.Inputs[784 + 5]);
        Assert.All(last.Inputs[(2 * 784)..], x => Assert.Equal(0f, x));
        Assert.Equal(new[] { 8, 9, 0, 0 }, last.Labels);
    }

    [Fact]
    public void NextEpoch_ConsecutiveEpochs_ComeInDifferentOrders()
    {
        var loader = new BatchLoader(Small(100), batchSize: 8, seed: 7);
        var first = EpochIndices(loader).SelectMany(b => b).ToArray();
        var second = EpochIndices(loader).SelectMany(b => b).ToArray();

        Assert.NotEqual(first, second);
        Assert.Equal(first.Order(), second.Order());
        Assert.NotEqual(Enumerable.Range(0, 100), first);
    }

    [Fact]
    public void NextEpoch_SameSeed_GivesTheSameSequenceOfEpochs()
    {
        BatchLoader A() => new(Small(100), batchSize: 8, seed: 11);
        var a = A(); var b = A();
        for (int epoch = 0; epoch < 3; epoch++)
            Assert.Equal(EpochIndices(a).SelectMany(x => x), EpochIndices(b).SelectMany(x => x));
    }

    [Fact]
    public void NextEpoch_DifferentSeeds_GiveDifferentOrders()
    {
        var a = EpochIndices(new BatchLoader(Small(100), seed: 1)).SelectMany(x => x);
        var b = EpochIndices(new BatchLoader(Small(100), seed: 2)).SelectMany(x => x);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void NextEpoch_WithoutShuffle_ServesTheStoredOrderEveryEpoch()
    {
        var loader = new BatchLoader(Small(10), batchSize: 3, shuffle: false);
        for (int epoch = 0; epoch < 2; epoch++)
            Assert.Equal(Enumerable.Range(0, 10), EpochIndices(loader).SelectMany(x => x));
    }

    [Fact]
    public void NextEpoch_FirstBatchOfSeedZero_MatchesAFisherYatesShuffleWithSplitMix64()
    {
        // the loader's order is the documented algorithm, not an implementation detail of System.Random
        int[] expected = Enumerable.Range(0, 50).ToArray();
        new SeededRandom(0).Shuffle(expected.AsSpan());

        var loader = new BatchLoader(Small(50), batchSize: 50, seed: 0);
        Assert.Equal(expected, loader.NextEpoch().Single().Indices.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Constructor_BatchSizeBelowOne_ThrowsNamingTheValue(int batchSize)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchLoader(Small(3), batchSize));
        Assert.Equal("batchSize", e.ParamName);
        Assert.Equal(batchSize, e.ActualValue);
    }

    [Fact]
    public void Constructor_EmptySet_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BatchLoader(new MnistSet([], [])));
    }
}
