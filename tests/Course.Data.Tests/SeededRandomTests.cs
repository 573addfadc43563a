using Course.Data;
using Course.NeuralNetwork;

namespace Course.Data.Tests;

public class SeededRandomTests
{
    [Fact]
    public void NextUInt64_SeedZero_GivesThePublishedReferenceOutputs()
    {
        // the first outputs of Vigna's splitmix64.c with state 0 (also xoshiro's seeding example)
        var random = new SeededRandom(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
        Assert.Equal(0xF88BB8A8724C81ECUL, random.NextUInt64());
    }

    [Fact]
    public void Numbers_AreThoseOfTheTwoGeneratorsItReplaces()
    {
        // Recorded on 2026-12-02 from NeuralNetwork.SeededRandom (weights) and Data.SplitMix64 (shuffles) before they
        // became this one class: every existing seed keeps its initial network and its batch order.
        var random = new SeededRandom(-3);
        Assert.Equal(0xF75F04CBB5A1A1DDUL, random.NextUInt64());
        Assert.Equal(0x3F6C779C, BitConverter.SingleToInt32Bits(random.NextFloat()));
        Assert.Equal(0x403E906A, BitConverter.SingleToInt32Bits(random.Uniform(-2, 3)));

        var w1 = Mlp.Create(0).Parameters[0].Data;
        Assert.Equal(0x3CE04AA6, BitConverter.SingleToInt32Bits(w1[0]));
        Assert.Equal(unchecked((int)0xBC4161EA), BitConverter.SingleToInt32Bits(w1[^1]));
        Assert.Equal(0x3D04F5AC, BitConverter.SingleToInt32Bits(Mlp.Create(0).Parameters[3].Data[9]));
        Assert.Equal(unchecked((int)0xBC0696F4), BitConverter.SingleToInt32Bits(Mlp.Create(-7).Parameters[2].Data[5]));

        var order = Enumerable.Range(0, 20).ToArray();
        new SeededRandom(12345).Shuffle(order.AsSpan());
        Assert.Equal([0, 16, 4, 15, 10, 11, 7, 6, 18, 13, 9, 12, 14, 1, 5, 8, 17, 19, 3, 2], order);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void NextInt_StaysBelowTheBound(int bound)
    {
        var random = new SeededRandom(5);
        for (int i = 0; i < 10_000; i++)
            Assert.InRange(random.NextInt(bound), 0, bound - 1);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(60_000)]
    [InlineData(7)]
    public void NextInt_IsTheHighHalfOfTheOutputTimesTheBound(int bound)
    {
        // Lemire's mapping: floor(x * bound / 2^64); for these bounds no redraw happens on the first outputs
        ulong[] outputs = [0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL];
        var random = new SeededRandom(0);
        foreach (ulong x in outputs)
            Assert.Equal((int)(((UInt128)x * (ulong)bound) >> 64), random.NextInt(bound));
    }

    [Fact]
    public void NextInt_NonPositiveBound_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeededRandom(0).NextInt(0));
    }

    [Fact]
    public void Shuffle_OfThreeItems_GivesAllSixOrdersEquallyOften()
    {
        var random = new SeededRandom(123);
        var counts = new Dictionary<string, int>();
        for (int trial = 0; trial < 60_000; trial++)
        {
            int[] items = [0, 1, 2];
            random.Shuffle(items.AsSpan());
            string key = string.Concat(items);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(6, counts.Count);
        foreach (var (order, count) in counts)
            Assert.InRange(count, 9_500, 10_500); // expected 10,000 each; one standard deviation is about 91
    }

    [Fact]
    public void Shuffle_SameSeed_GivesTheSamePermutation()
    {
        int[] a = Enumerable.Range(0, 100).ToArray(), b = Enumerable.Range(0, 100).ToArray();
        new SeededRandom(9).Shuffle(a.AsSpan());
        new SeededRandom(9).Shuffle(b.AsSpan());
        Assert.Equal(a, b);
        Assert.NotEqual(Enumerable.Range(0, 100), a);
        Assert.Equal(Enumerable.Range(0, 100), a.Order());
    }
}
