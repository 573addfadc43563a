namespace Course.Kernels;

/// <summary>
/// The matrix products the layers call. Same contracts as <see cref="ReferenceKernels"/>
/// (row-major; C is overwritten, not accumulated); this is where the fast paths go.
/// </summary>
public static class MatrixKernels
{
    /// <inheritdoc cref="ReferenceKernels.MultiplyTransposedB"/>
    public static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
        => ReferenceKernels.MultiplyTransposedB(a, b, c, m, k, n);

    /// <inheritdoc cref="ReferenceKernels.Multiply"/>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
        => ReferenceKernels.Multiply(a, b, c, m, k, n);

    /// <inheritdoc cref="ReferenceKernels.MultiplyTransposedA"/>
    public static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
        => ReferenceKernels.MultiplyTransposedA(a, b, c, m, k, n);
}
