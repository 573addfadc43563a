namespace Course.Kernels;

/// <summary>
/// The matrix products the layers call. Same contracts as <see cref="ReferenceKernels"/>
/// (row-major; C is overwritten, not accumulated), computed by the SIMD kernels in
/// <see cref="DotProductKernel"/> and <see cref="OuterProductKernel"/> on the widest instruction set the
/// CPU has (AVX-512, else AVX2 with FMA, else scalar). No call allocates.
/// <para>With <see cref="Threads"/> = 2, a product on arrays of at least <see cref="SplitThreshold"/> multiply-adds
/// is split by bands of rows of C over the calling thread and a helper thread on the second core
/// (<see cref="BandSplitter"/>; the result is bitwise the same). Off by default: measured on the shared 2-core
/// machine it made whole training epochs slower whenever the load was light (README, Measured).</para>
/// </summary>
public static class MatrixKernels
{
    /// <summary>The size m·k·n (multiply-adds) from which an array product is split over two threads: the two big
    /// products of a training step (64×784×200 and 200×64×784) are, the small ones are not.</summary>
    public const long SplitThreshold = 1L << 20;

    /// <summary>How many threads one big array product may use: 1 (the default) or 2 (<see cref="BandSplitter"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not 1 or 2.</exception>
    public static int Threads
    {
        get => threads;
        set => threads = value is 1 or 2 ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Threads must be 1 or 2.");
    }
    static int threads = 1;

    /// <summary>The instruction set the kernels use on this CPU: "Vector512", "Vector256" or "Scalar".</summary>
    public static string InstructionSet => KernelPaths.Best.ToString();

    /// <inheritdoc cref="ReferenceKernels.MultiplyTransposedB"/>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    public static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
        => MultiplyTransposedB(a, b, c, m, k, n, KernelPaths.For(m, k, n));

    /// <inheritdoc cref="ReferenceKernels.Multiply"/>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
        => Multiply(a, b, c, m, k, n, KernelPaths.For(m, k, n));

    /// <inheritdoc cref="ReferenceKernels.MultiplyTransposedA"/>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    public static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
        => MultiplyTransposedA(a, b, c, m, k, n, KernelPaths.For(m, k, n));

    /// <inheritdoc cref="ReferenceKernels.MultiplyTransposedB"/>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">An array is shorter than its matrix.</exception>
    public static void MultiplyTransposedB(float[] a, float[] b, float[] c, int m, int k, int n)
        => Run(MatrixProduct.Kind.TransposedB, a, b, c, m, k, n, KernelPaths.For(m, k, n), threads);

    /// <inheritdoc cref="ReferenceKernels.Multiply"/>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">An array is shorter than its matrix.</exception>
    public static void Multiply(float[] a, float[] b, float[] c, int m, int k, int n)
        => Run(MatrixProduct.Kind.Plain, a, b, c, m, k, n, KernelPaths.For(m, k, n), threads);

    /// <inheritdoc cref="ReferenceKernels.MultiplyTransposedA"/>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">An array is shorter than its matrix.</exception>
    public static void MultiplyTransposedA(float[] a, float[] b, float[] c, int m, int k, int n)
        => Run(MatrixProduct.Kind.TransposedA, a, b, c, m, k, n, KernelPaths.For(m, k, n), threads);

    /// <summary>Any of the three products on arrays, on a chosen path and thread count (tests force both).</summary>
    internal static void Run(MatrixProduct.Kind kind, float[] a, float[] b, float[] c, int m, int k, int n,
                             KernelPath path, int threadCount)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        var (aName, bName) = Names(kind);
        Check(a.Length, b.Length, c.Length, m, k, n, aName, bName, path);
        var job = new MatrixProduct(kind, m, k, n, path);
        if (threadCount > 1 && (long)m * k * n >= SplitThreshold && m >= 8) BandSplitter.Run(job, a, b, c);
        else job.RunRows(a, b, c, 0, m);
    }

    static (string A, string B) Names(MatrixProduct.Kind kind) => kind switch
    {
        MatrixProduct.Kind.TransposedB => ("A (m×k)", "B (n×k)"),
        MatrixProduct.Kind.Plain => ("A (m×k)", "B (k×n)"),
        _ => ("A (k×m)", "B (k×n)"),
    };

    // ---- the same products on a chosen path (tests force every path) ----

    internal static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
                                             int m, int k, int n, KernelPath path)
        => Run(MatrixProduct.Kind.TransposedB, a, b, c, m, k, n, path);

    internal static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
                                  int m, int k, int n, KernelPath path)
        => Run(MatrixProduct.Kind.Plain, a, b, c, m, k, n, path);

    internal static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
                                             int m, int k, int n, KernelPath path)
        => Run(MatrixProduct.Kind.TransposedA, a, b, c, m, k, n, path);

    /// <summary>Any of the three products on spans, on the calling thread.</summary>
    static unsafe void Run(MatrixProduct.Kind kind, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
                           int m, int k, int n, KernelPath path)
    {
        var (aName, bName) = Names(kind);
        Check(a.Length, b.Length, c.Length, m, k, n, aName, bName, path);
        fixed (float* pa = a, pb = b, pc = c)
            new MatrixProduct(kind, m, k, n, path).Rows(pa, pb, pc, 0, m);
    }

    static void Check(int aLength, int bLength, int cLength, int m, int k, int n, string aName, string bName, KernelPath path)
    {
        KernelPaths.Require(path);
        if (m < 0) throw new ArgumentOutOfRangeException(nameof(m), m, "m (rows of C) must be 0 or more.");
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k (the summed dimension) must be 0 or more.");
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n (columns of C) must be 0 or more.");
        long aNeeded = (long)m * k, bNeeded = (long)k * n, cNeeded = (long)m * n;
        if (aLength < aNeeded) throw new ArgumentException($"{aName} needs {aNeeded} floats for m={m}, k={k}, but the span holds {aLength}.", "a");
        if (bLength < bNeeded) throw new ArgumentException($"{bName} needs {bNeeded} floats for k={k}, n={n}, but the span holds {bLength}.", "b");
        if (cLength < cNeeded) throw new ArgumentException($"C (m×n) needs {cNeeded} floats for m={m}, n={n}, but the span holds {cLength}.", "c");
    }
}
