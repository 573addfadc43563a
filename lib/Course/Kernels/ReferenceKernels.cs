namespace Course.Kernels;

/// <summary>
/// The three matrix products a dense layer needs, as plain loops: the readable definition that
/// the fast kernels in <see cref="MatrixKernels"/> are tested against. All matrices are row-major.
/// </summary>
public static class ReferenceKernels
{
    /// <summary>C[i,j] = Σ_p A[i,p]·B[j,p]: C (m×n) = A (m×k) · Bᵀ, with B stored as (n×k).
    /// A dense layer's forward pass, Y = X·Wᵀ, with W stored (outputs, inputs) as in PyTorch.</summary>
    public static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0;
                for (int p = 0; p < k; p++) sum += a[i * k + p] * b[j * k + p];
                c[i * n + j] = sum;
            }
    }

    /// <summary>C[i,j] = Σ_p A[i,p]·B[p,j]: C (m×n) = A (m×k) · B (k×n).
    /// A dense layer's input gradient, dX = dY·W.</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0;
                for (int p = 0; p < k; p++) sum += a[i * k + p] * b[p * n + j];
                c[i * n + j] = sum;
            }
    }

    /// <summary>C[i,j] = Σ_p A[p,i]·B[p,j]: C (m×n) = Aᵀ · B, with A stored as (k×m) and B as (k×n).
    /// A dense layer's weight gradient, dW = dYᵀ·X.</summary>
    public static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0;
                for (int p = 0; p < k; p++) sum += a[p * m + i] * b[p * n + j];
                c[i * n + j] = sum;
            }
    }
}
