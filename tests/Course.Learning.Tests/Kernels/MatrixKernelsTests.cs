using Course.Kernels;
using static Course.Learning.Tests.Kernels.KernelComparison;

namespace Course.Learning.Tests.Kernels;

/// <summary>Every fast product on every instruction set this CPU has, equal to <see cref="ReferenceKernels"/>.</summary>
public class MatrixKernelsTests
{
    /// <summary>The MLP's own shapes, then sizes that are not multiples of any vector width or block.</summary>
    static readonly (int M, int K, int N)[] Shapes =
    [
        (64, 784, 200), (64, 200, 10), (64, 10, 200), (200, 64, 784), (10, 64, 200), (32, 784, 200),
        (1, 1, 1), (1, 784, 1), (3, 7, 17), (7, 3, 1), (17, 63, 65), (63, 65, 17), (65, 17, 63),
        (5, 16, 33), (4, 15, 64), (9, 129, 31), (2, 200, 81), (13, 1, 10), (6, 33, 7), (1, 17, 200),
    ];

    public static TheoryData<string, int, int, int> PathsAndShapes()
    {
        var data = new TheoryData<string, int, int, int>();
        foreach (var path in KernelPaths.Supported())
            foreach (var (m, k, n) in Shapes)
                data.Add(path.ToString(), m, k, n);
        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndShapes))]
    public void MultiplyTransposedB_OnEveryPath_EqualsReferenceAndOverwritesC(string path, int m, int k, int n)
    {
        var a = Random(m * k, 1); var b = Random(n * k, 2); // A (m×k), B (n×k)
        var expected = new float[m * n];
        ReferenceKernels.MultiplyTransposedB(a, b, expected, m, k, n);
        var actual = NaNs(m * n);
        MatrixKernels.MultiplyTransposedB(a, b, actual, m, k, n, Enum.Parse<KernelPath>(path), threads: 1);
        AssertClose(expected, actual, Magnitude(m, k, n, (i, p) => a[i * k + p], (p, j) => b[j * k + p]), n,
                    $"A·Bᵀ on {path}, m={m} k={k} n={n}");
    }

    [Theory]
    [MemberData(nameof(PathsAndShapes))]
    public void Multiply_OnEveryPath_EqualsReferenceAndOverwritesC(string path, int m, int k, int n)
    {
        var a = Random(m * k, 3); var b = Random(k * n, 4); // A (m×k), B (k×n)
        var expected = new float[m * n];
        ReferenceKernels.Multiply(a, b, expected, m, k, n);
        var actual = NaNs(m * n);
        MatrixKernels.Multiply(a, b, actual, m, k, n, Enum.Parse<KernelPath>(path), threads: 1);
        AssertClose(expected, actual, Magnitude(m, k, n, (i, p) => a[i * k + p], (p, j) => b[p * n + j]), n,
                    $"A·B on {path}, m={m} k={k} n={n}");
    }

    [Theory]
    [MemberData(nameof(PathsAndShapes))]
    public void MultiplyTransposedA_OnEveryPath_EqualsReferenceAndOverwritesC(string path, int m, int k, int n)
    {
        var a = Random(k * m, 5); var b = Random(k * n, 6); // A (k×m), B (k×n)
        var expected = new float[m * n];
        ReferenceKernels.MultiplyTransposedA(a, b, expected, m, k, n);
        var actual = NaNs(m * n);
        MatrixKernels.MultiplyTransposedA(a, b, actual, m, k, n, Enum.Parse<KernelPath>(path), threads: 1);
        AssertClose(expected, actual, Magnitude(m, k, n, (i, p) => a[p * m + i], (p, j) => b[p * n + j]), n,
                    $"Aᵀ·B on {path}, m={m} k={k} n={n}");
    }

    [Theory]
    [InlineData(64, 784, 200, 2)]
    [InlineData(200, 64, 784, 2)]
    [InlineData(70, 300, 90, 3)]
    public void EveryProduct_SplitOverThreads_GivesBitwiseTheSingleThreadResult(int m, int k, int n, int threads)
    {
        // Each band of rows runs the same arithmetic as on one thread, so the split must not change a bit.
        var a = Random(m * k, 7); var b = Random(k * n, 8);
        var path = KernelPaths.Best;
        Action<float[], int>[] products =
        [
            (c, t) => MatrixKernels.MultiplyTransposedB(a, b, c, m, k, n, path, t), // B read as (n×k)
            (c, t) => MatrixKernels.Multiply(a, b, c, m, k, n, path, t),
            (c, t) => MatrixKernels.MultiplyTransposedA(a, b, c, m, k, n, path, t), // A read as (k×m)
        ];
        foreach (var product in products)
        {
            var single = NaNs(m * n); var split = NaNs(m * n);
            product(single, 1);
            product(split, threads);
            for (int e = 0; e < single.Length; e++)
                Assert.True(BitConverter.SingleToInt32Bits(single[e]) == BitConverter.SingleToInt32Bits(split[e]),
                            $"C[{e / n},{e % n}]: one thread {single[e]:R}, {threads} threads {split[e]:R}");
            Assert.DoesNotContain(split, float.IsNaN);
        }
    }

    [Fact]
    public void ParallelProducts_CalledFromSeveralThreadsAtOnce_EachGetTheirOwnCorrectResult()
    {
        // The helper threads serve one product at a time; a caller that finds them busy computes alone.
        const int m = 64, k = 784, n = 200, callers = 4;
        var b = Random(n * k, 20);
        var inputs = Enumerable.Range(0, callers).Select(c => Random(m * k, 30 + c)).ToArray();
        var expected = inputs.Select(a =>
        {
            var c = NaNs(m * n);
            MatrixKernels.MultiplyTransposedB(a, b, c, m, k, n, KernelPaths.Best, threads: 1);
            return c;
        }).ToArray();

        var actual = new float[callers][];
        Parallel.For(0, callers, new ParallelOptions { MaxDegreeOfParallelism = callers }, c =>
        {
            for (int repeat = 0; repeat < 20; repeat++)
            {
                var result = NaNs(m * n);
                MatrixKernels.MultiplyTransposedB(inputs[c], b, result, m, k, n, KernelPaths.Best, threads: 2);
                actual[c] = result;
                Assert.Equal(expected[c], result);
            }
        });
        for (int c = 0; c < callers; c++) Assert.Equal(expected[c], actual[c]);
    }

    [Fact]
    public void PublicEntryPoints_UseTheFastPathAndMatchTheReference()
    {
        const int m = 64, k = 784, n = 200;
        var x = Random(m * k, 9); var w = Random(n * k, 10);
        var expected = new float[m * n];
        ReferenceKernels.MultiplyTransposedB(x, w, expected, m, k, n);
        var actual = NaNs(m * n);
        MatrixKernels.MultiplyTransposedB(x, w, actual, m, k, n);
        AssertClose(expected, actual, Magnitude(m, k, n, (i, p) => x[i * k + p], (p, j) => w[j * k + p]), n, "public A·Bᵀ");
    }

    [Fact]
    public void Products_WithLongerC_LeaveTheElementsPastMTimesNUntouched()
    {
        var a = Random(3 * 5, 11); var b = Random(5 * 7, 12);
        var c = Enumerable.Repeat(42f, 3 * 7 + 4).ToArray();
        MatrixKernels.Multiply(a, b, c, 3, 5, 7);
        Assert.Equal([42f, 42f, 42f, 42f], c[21..]);
        Assert.DoesNotContain(42f, c[..21]);
    }

    [Fact]
    public void Products_WithZeroDepth_WriteZeros()
    {
        foreach (var path in KernelPaths.Supported())
        {
            var c = NaNs(4 * 5);
            MatrixKernels.MultiplyTransposedB([], [], c, 4, 0, 5, path, 1);
            Assert.All(c, v => Assert.Equal(0f, v));
            c = NaNs(4 * 5);
            MatrixKernels.MultiplyTransposedA([], [], c, 4, 0, 5, path, 1);
            Assert.All(c, v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void Multiply_WithShortB_ThrowsNamingTheSizes()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            MatrixKernels.Multiply(new float[6], new float[5], new float[6], 2, 3, 2));
        Assert.Equal("b", error.ParamName);
        Assert.Contains("needs 6 floats for k=3, n=2", error.Message);
        Assert.Contains("holds 5", error.Message);
    }

    [Fact]
    public void MultiplyTransposedB_WithNegativeSize_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            MatrixKernels.MultiplyTransposedB(new float[4], new float[4], new float[4], 2, -1, 2));
        Assert.Equal("k", error.ParamName);
    }

    [Fact]
    public void MaxThreads_BelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MatrixKernels.MaxThreads = 0);
    }
}
