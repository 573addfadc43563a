namespace Course.Kernels;

/// <summary>
/// The matrix products the layers call. Same contracts as <see cref="ReferenceKernels"/>
/// (row-major; C is overwritten, not accumulated), computed by the SIMD kernels in
/// <see cref="DotProductKernel"/> and <see cref="OuterProductKernel"/> on the widest instruction set the
/// CPU has (AVX-512, else AVX2 with FMA, else scalar), on the calling thread. No call allocates.
/// <para>One thread per product: splitting the two big products of a training step over both cores of a
/// 2-core machine was measured again (README, Measured) and made epochs slower whenever other programs
/// shared the machine, so the row splitter that did it was removed.</para>
/// </summary>
public static class MatrixKernels
{
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

    // ---- the same products on a chosen path (tests force every path) ----

    internal static unsafe void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
                                                    int m, int k, int n, KernelPath path)
    {
        Check(a.Length, b.Length, c.Length, m, k, n, "A (m×k)", "B (n×k)", path);
        fixed (float* pa = a, pb = b, pc = c)
            DotProductKernel.Rows(pa, pb, pc, k, n, 0, m, path);
    }

    internal static unsafe void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
                                         int m, int k, int n, KernelPath path)
    {
        Check(a.Length, b.Length, c.Length, m, k, n, "A (m×k)", "B (k×n)", path);
        fixed (float* pa = a, pb = b, pc = c) // A (m×k): A(i,p) = a[i·k + p]
            OuterProductKernel.Rows(pa, k, 1, pb, pc, k, n, 0, m, path);
    }

    internal static unsafe void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
                                                    int m, int k, int n, KernelPath path)
    {
        Check(a.Length, b.Length, c.Length, m, k, n, "A (k×m)", "B (k×n)", path);
        fixed (float* pa = a, pb = b, pc = c) // A stored (k×m): A(i,p) = a[p·m + i]
            OuterProductKernel.Rows(pa, 1, m, pb, pc, k, n, 0, m, path);
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
