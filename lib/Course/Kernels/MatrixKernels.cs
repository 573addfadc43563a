namespace Course.Kernels;

/// <summary>
/// The matrix products the layers call. Same contracts as <see cref="ReferenceKernels"/>
/// (row-major; C is overwritten, not accumulated), computed by the SIMD kernels in
/// <see cref="DotProductKernel"/> and <see cref="OuterProductKernel"/> on the widest instruction set the
/// CPU has (AVX-512, else AVX2 with FMA, else scalar). Large products are split by rows of C over up to
/// <see cref="MaxThreads"/> threads. No call allocates.
/// </summary>
public static class MatrixKernels
{
    /// <summary>How many threads one product may use (default 1). Measured on 2 cores: with the second core
    /// free, 2 threads take the two big products of a training step from about 180 µs to about 95 µs each;
    /// with other programs keeping the cores busy (load average 9–17), whole epochs took 10–30% longer with
    /// 2 threads than with 1, so more threads are opt-in. Products smaller than
    /// <see cref="ParallelThreshold"/> multiply-adds always run on the calling thread.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public static int MaxThreads
    {
        get => maxThreads;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), value, "MaxThreads must be at least 1.");
            maxThreads = value;
        }
    }
    static int maxThreads = 1;

    /// <summary>The size m·k·n (multiply-adds) from which a product is worth splitting over threads.</summary>
    public const long ParallelThreshold = 1L << 20;

    /// <summary>The instruction set the kernels use on this CPU: "Vector512", "Vector256" or "Scalar".</summary>
    public static string InstructionSet => KernelPaths.Best.ToString();

    /// <inheritdoc cref="ReferenceKernels.MultiplyTransposedB"/>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    public static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
        => MultiplyTransposedB(a, b, c, m, k, n, KernelPaths.Best, maxThreads);

    /// <inheritdoc cref="ReferenceKernels.Multiply"/>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
        => Multiply(a, b, c, m, k, n, KernelPaths.Best, maxThreads);

    /// <inheritdoc cref="ReferenceKernels.MultiplyTransposedA"/>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    public static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
        => MultiplyTransposedA(a, b, c, m, k, n, KernelPaths.Best, maxThreads);

    // ---- the same products on a chosen path and thread count (tests force every path) ----

    internal static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
                                             int m, int k, int n, KernelPath path, int threads)
        => Run(KernelJob.Product.TransposedB, "A (m×k)", "B (n×k)", a, b, c, m, k, n, path, threads);

    internal static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
                                  int m, int k, int n, KernelPath path, int threads)
        => Run(KernelJob.Product.Plain, "A (m×k)", "B (k×n)", a, b, c, m, k, n, path, threads);

    internal static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
                                             int m, int k, int n, KernelPath path, int threads)
        => Run(KernelJob.Product.TransposedA, "A (k×m)", "B (k×n)", a, b, c, m, k, n, path, threads);

    /// <summary>Checks the sizes once, then runs <paramref name="product"/> over row blocks of C.</summary>
    static unsafe void Run(KernelJob.Product product, string aName, string bName, ReadOnlySpan<float> a, ReadOnlySpan<float> b,
                           Span<float> c, int m, int k, int n, KernelPath path, int threads)
    {
        Check(a.Length, b.Length, c.Length, m, k, n, aName, bName);
        KernelPaths.Require(path);
        fixed (float* pa = a, pb = b, pc = c)
            RowSplitter.Run(new KernelJob(product, pa, pb, pc, m, k, n, path), Threads(m, k, n, threads));
    }

    static int Threads(int m, int k, int n, int threads)
        => (long)m * k * n >= ParallelThreshold && m >= 8 ? Math.Min(threads, m / 4) : 1;

    static void Check(int aLength, int bLength, int cLength, int m, int k, int n, string aName, string bName)
    {
        if (m < 0) throw new ArgumentOutOfRangeException(nameof(m), m, "m (rows of C) must be 0 or more.");
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k (the summed dimension) must be 0 or more.");
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n (columns of C) must be 0 or more.");
        long aNeeded = (long)m * k, bNeeded = (long)k * n, cNeeded = (long)m * n;
        if (aLength < aNeeded) throw new ArgumentException($"{aName} needs {aNeeded} floats for m={m}, k={k}, but the span holds {aLength}.", "a");
        if (bLength < bNeeded) throw new ArgumentException($"{bName} needs {bNeeded} floats for k={k}, n={n}, but the span holds {bLength}.", "b");
        if (cLength < cNeeded) throw new ArgumentException($"C (m×n) needs {cNeeded} floats for m={m}, n={n}, but the span holds {cLength}.", "c");
    }
}
