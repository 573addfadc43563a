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
        // the AVX2 blocks: 4 rows of A × 3 rows of B (A·Bᵀ) and 4 rows × 3 vectors of 8 columns (A·B, Aᵀ·B), so
        // m mod 4, n mod 3 and n mod 24 (then 16, 8 and the scalar last columns) each take every value somewhere,
        // with k both a multiple of 8 and not
        (4, 8, 3), (8, 16, 6), (5, 8, 4), (6, 9, 5), (7, 24, 24), (3, 17, 25), (2, 8, 40), (11, 31, 47),
        (12, 1, 48), (9, 40, 49), (1, 9, 23), (200, 64, 16), (15, 7, 72), (16, 64, 95),
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
        MatrixKernels.MultiplyTransposedB(a, b, actual, m, k, n, Enum.Parse<KernelPath>(path));
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
        MatrixKernels.Multiply(a, b, actual, m, k, n, Enum.Parse<KernelPath>(path));
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
        MatrixKernels.MultiplyTransposedA(a, b, actual, m, k, n, Enum.Parse<KernelPath>(path));
        AssertClose(expected, actual, Magnitude(m, k, n, (i, p) => a[p * m + i], (p, j) => b[p * n + j]), n,
                    $"Aᵀ·B on {path}, m={m} k={k} n={n}");
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

    [Theory]
    [InlineData(64, 200, 10)]   // the small products of a step, which run the AVX2 kernels on an AVX-512 CPU
    [InlineData(10, 64, 200)]
    [InlineData(64, 10, 200)]
    public void PublicEntryPoints_OnSmallProducts_MatchTheReference(int m, int k, int n)
    {
        var a = Random(m * k, 13); var b = Random(k * n, 14);
        var expected = new float[m * n]; var actual = NaNs(m * n);
        ReferenceKernels.MultiplyTransposedB(a, b, expected, m, k, n);
        MatrixKernels.MultiplyTransposedB(a, b, actual, m, k, n);
        AssertClose(expected, actual, Magnitude(m, k, n, (i, p) => a[i * k + p], (p, j) => b[j * k + p]), n, "public A·Bᵀ");
        ReferenceKernels.Multiply(a, b, expected, m, k, n);
        MatrixKernels.Multiply(a, b, actual, m, k, n);
        AssertClose(expected, actual, Magnitude(m, k, n, (i, p) => a[i * k + p], (p, j) => b[p * n + j]), n, "public A·B");
        ReferenceKernels.MultiplyTransposedA(a, b, expected, m, k, n);
        MatrixKernels.MultiplyTransposedA(a, b, actual, m, k, n);
        AssertClose(expected, actual, Magnitude(m, k, n, (i, p) => a[p * m + i], (p, j) => b[p * n + j]), n, "public Aᵀ·B");
    }

    [Theory]
    [MemberData(nameof(PathsAndShapes))]
    public void EveryProduct_OnEveryPath_WritesNothingPastC(string path, int m, int k, int n)
    {
        // The edge blocks compute rows and columns that are thrown away; none may be stored past m·n.
        var kernelPath = Enum.Parse<KernelPath>(path);
        var a = Random(m * k, 15); var b = Random(k * n, 16);
        Action<float[]>[] products =
        [
            c => MatrixKernels.MultiplyTransposedB(a, b, c, m, k, n, kernelPath),
            c => MatrixKernels.Multiply(a, b, c, m, k, n, kernelPath),
            c => MatrixKernels.MultiplyTransposedA(a, b, c, m, k, n, kernelPath),
        ];
        foreach (var product in products)
        {
            var c = Enumerable.Repeat(42f, m * n + 40).ToArray();
            product(c);
            Assert.All(c[(m * n)..], v => Assert.Equal(42f, v));
        }
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
            MatrixKernels.MultiplyTransposedB([], [], c, 4, 0, 5, path);
            Assert.All(c, v => Assert.Equal(0f, v));
            c = NaNs(4 * 5);
            MatrixKernels.MultiplyTransposedA([], [], c, 4, 0, 5, path);
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
}
