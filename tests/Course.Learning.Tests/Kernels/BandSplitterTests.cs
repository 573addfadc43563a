using Course.Kernels;
using static Course.Learning.Tests.Kernels.KernelComparison;

namespace Course.Learning.Tests.Kernels;

/// <summary>The big products split over two threads give bitwise the one-thread result, whoever computes each band.</summary>
[Collection(nameof(BandSplitterTests))] // the tests that delay the helper must not overlap the others
public class BandSplitterTests
{
    /// <summary>The MLP's two big products, then shapes whose bands do not divide m and whose edges are partial.</summary>
    static readonly (int M, int K, int N)[] Shapes =
        [(64, 784, 200), (200, 64, 784), (67, 300, 61), (13, 1000, 90), (9, 2000, 59), (130, 97, 85)];

    public static TheoryData<string, string, int, int, int> KindsPathsAndShapes()
    {
        var data = new TheoryData<string, string, int, int, int>();
        foreach (var kind in Enum.GetValues<MatrixProduct.Kind>())
            foreach (var path in KernelPaths.Supported())
                foreach (var (m, k, n) in Shapes)
                    data.Add(kind.ToString(), path.ToString(), m, k, n);
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsPathsAndShapes))]
    public void TwoThreads_EqualOneThreadBitwise_AndTheReference(string kind, string path, int m, int k, int n)
    {
        var product = Enum.Parse<MatrixProduct.Kind>(kind);
        var kernelPath = Enum.Parse<KernelPath>(path);
        Assert.True((long)m * k * n >= MatrixKernels.SplitThreshold, "a shape below the threshold would not be split");
        var a = Random(m * k, 21); var b = Random(k * n, 22);
        var one = NaNs(m * n); var two = NaNs(m * n); var expected = new float[m * n];
        MatrixKernels.Run(product, a, b, one, m, k, n, kernelPath, threadCount: 1);
        MatrixKernels.Run(product, a, b, two, m, k, n, kernelPath, threadCount: 2);
        Reference(product, a, b, expected, m, k, n);
        AssertClose(expected, two, Magnitude(product, a, b, m, k, n), n, $"{kind} on {path} over 2 threads, m={m} k={k} n={n}");
        AssertBitwise(one, two, n, $"{kind} on {path}, m={m} k={k} n={n}");
    }

    [Fact]
    public void ManyProductsInARow_EachEqualsOneThread()
    {
        // a helper still busy with an earlier product must never claim or commit into a later one
        const int m = 64, k = 784, n = 200;
        var w = Random(n * k, 23);
        for (int call = 0; call < 300; call++)
        {
            var x = Random(m * k, 100 + call);
            var one = NaNs(m * n); var two = NaNs(m * n);
            MatrixKernels.Run(MatrixProduct.Kind.TransposedB, x, w, one, m, k, n, KernelPaths.Best, threadCount: 1);
            MatrixKernels.Run(MatrixProduct.Kind.TransposedB, x, w, two, m, k, n, KernelPaths.Best, threadCount: 2);
            AssertBitwise(one, two, n, $"call {call}");
        }
    }

    [Fact]
    public void AHelperThatIsLate_HasItsBandsTakenBack_AndCIsStillRight()
    {
        // The helper sleeps a second before committing each band, as if the machine had stopped scheduling it: the
        // caller must not wait for it, but compute those bands itself, and the late commits must not land in C.
        const int m = 200, k = 64, n = 784;
        var a = Random(k * m, 24); var b = Random(k * n, 25);
        var one = NaNs(m * n);
        MatrixKernels.Run(MatrixProduct.Kind.TransposedA, a, b, one, m, k, n, KernelPaths.Best, threadCount: 1);
        var takenBefore = BandSplitter.Counts.TakenBack;
        BandSplitter.BeforeCommit = () => Thread.Sleep(1000);
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            // at least 20 products, and on until the helper (which a busy machine may not schedule at once) was late once
            for (int call = 0; call < 20 || (BandSplitter.Counts.TakenBack == takenBefore && started.Elapsed < TimeSpan.FromSeconds(8)); call++)
            {
                var two = NaNs(m * n);
                long takenBeforeCall = BandSplitter.Counts.TakenBack;
                var call1 = System.Diagnostics.Stopwatch.StartNew();
                MatrixKernels.Run(MatrixProduct.Kind.TransposedA, a, b, two, m, k, n, KernelPaths.Best, threadCount: 2);
                if (BandSplitter.Counts.TakenBack > takenBeforeCall)
                    Assert.True(call1.Elapsed < TimeSpan.FromMilliseconds(700), // a caller that waited would take over 1000
                                $"call {call}: a band was taken back only after {call1.Elapsed.TotalMilliseconds:F0} ms: the caller waited for the late helper");
                AssertBitwise(one, two, n, $"call {call} with a late helper");
                if (call % 4 == 0) Thread.Sleep(250); // let a late commit arrive while nothing waits for it
                AssertBitwise(one, two, n, $"call {call}, after the helper's late commit");
            }
            Assert.True(BandSplitter.Counts.TakenBack > takenBefore, $"the caller never took a band back from the late helper (bands, by the helper, taken back: {BandSplitter.Counts})");
        }
        finally
        {
            BandSplitter.BeforeCommit = null;
        }
    }

    [Fact]
    public void ProductsFromSeveralThreadsAtOnce_AreEachRight()
    {
        // one caller holds the helper; the others run alone
        const int m = 64, k = 784, n = 200;
        var w = Random(n * k, 26);
        Parallel.For(0, 4, worker =>
        {
            for (int call = 0; call < 40; call++)
            {
                var x = Random(m * k, 1000 * worker + call);
                var one = NaNs(m * n); var two = NaNs(m * n);
                MatrixKernels.Run(MatrixProduct.Kind.TransposedB, x, w, one, m, k, n, KernelPaths.Best, threadCount: 1);
                MatrixKernels.Run(MatrixProduct.Kind.TransposedB, x, w, two, m, k, n, KernelPaths.Best, threadCount: 2);
                AssertBitwise(one, two, n, $"thread {worker}, call {call}");
            }
        });
    }

    static void Reference(MatrixProduct.Kind kind, float[] a, float[] b, float[] c, int m, int k, int n)
    {
        if (kind == MatrixProduct.Kind.TransposedB) ReferenceKernels.MultiplyTransposedB(a, b, c, m, k, n);
        else if (kind == MatrixProduct.Kind.Plain) ReferenceKernels.Multiply(a, b, c, m, k, n);
        else ReferenceKernels.MultiplyTransposedA(a, b, c, m, k, n);
    }

    static double[] Magnitude(MatrixProduct.Kind kind, float[] a, float[] b, int m, int k, int n) => kind switch
    {
        MatrixProduct.Kind.TransposedB => KernelComparison.Magnitude(m, k, n, (i, p) => a[i * k + p], (p, j) => b[j * k + p]),
        MatrixProduct.Kind.Plain => KernelComparison.Magnitude(m, k, n, (i, p) => a[i * k + p], (p, j) => b[p * n + j]),
        _ => KernelComparison.Magnitude(m, k, n, (i, p) => a[p * m + i], (p, j) => b[p * n + j]),
    };

    static void AssertBitwise(float[] expected, float[] actual, int n, string what)
    {
        for (int e = 0; e < expected.Length; e++)
            if (BitConverter.SingleToInt32Bits(expected[e]) != BitConverter.SingleToInt32Bits(actual[e]))
                Assert.Fail($"{what}: C[{e / n},{e % n}] = {actual[e]:R} on two threads, {expected[e]:R} on one (not bitwise equal)");
    }
}
