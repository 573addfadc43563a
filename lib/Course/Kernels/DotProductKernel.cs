using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Course.Kernels;

/// <summary>
/// The fast path of <see cref="ReferenceKernels.MultiplyTransposedB"/>: C[i,j] = Σ_p A[i,p]·B[j,p],
/// every output a dot product of two rows that are contiguous in memory (A is m×k, B is n×k).
/// <para>A block of rows of A and rows of B is walked together, one vector of k at a time, keeping a
/// vector accumulator per output; each loaded vector feeds several multiply-adds. At the end each
/// accumulator is summed across its lanes (four at once with horizontal adds) and the scalar tail
/// of k that does not fill a vector is added.</para>
/// <para>Blocks at the edges reuse the last real row instead of reading past the matrix: the extra
/// products are computed and thrown away, which keeps one code path for every shape.</para>
/// </summary>
internal static unsafe class DotProductKernel
{
    /// <summary>Computes rows [rowStart, rowEnd) of C (m×n) = A (m×k) · Bᵀ (B stored n×k).</summary>
    public static void Rows(float* a, float* b, float* c, int k, int n, int rowStart, int rowEnd, KernelPath path)
    {
        switch (path)
        {
            case KernelPath.Vector512: Rows512(a, b, c, k, n, rowStart, rowEnd); break;
            case KernelPath.Vector256: Rows256(a, b, c, k, n, rowStart, rowEnd); break;
            default: RowsScalar(a, b, c, k, n, rowStart, rowEnd); break;
        }
    }

    // ---- AVX-512: 4 rows of A × 4 rows of B = 16 accumulators of 16 floats (32 registers) ----

    static void Rows512(float* a, float* b, float* c, int k, int n, int rowStart, int rowEnd)
    {
        for (int i = rowStart; i < rowEnd; i += 4)
            for (int j = 0; j < n; j += 4)
                Block512(a, b, c, k, n, i, Math.Min(4, rowEnd - i), j, Math.Min(4, n - j));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Block512(float* a, float* b, float* c, int k, int n, int i, int rows, int j, int cols)
    {
        float* a0 = Row(a, k, i, 0, rows), a1 = Row(a, k, i, 1, rows), a2 = Row(a, k, i, 2, rows), a3 = Row(a, k, i, 3, rows);
        float* b0 = Row(b, k, j, 0, cols), b1 = Row(b, k, j, 1, cols), b2 = Row(b, k, j, 2, cols), b3 = Row(b, k, j, 3, cols);
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        int p = 0;
        for (; p <= k - 16; p += 16)
        {
            var y0 = Vector512.Load(b0 + p); var y1 = Vector512.Load(b1 + p);
            var y2 = Vector512.Load(b2 + p); var y3 = Vector512.Load(b3 + p);
            var x = Vector512.Load(a0 + p);
            c00 = Avx512F.FusedMultiplyAdd(x, y0, c00); c01 = Avx512F.FusedMultiplyAdd(x, y1, c01);
            c02 = Avx512F.FusedMultiplyAdd(x, y2, c02); c03 = Avx512F.FusedMultiplyAdd(x, y3, c03);
            x = Vector512.Load(a1 + p);
            c10 = Avx512F.FusedMultiplyAdd(x, y0, c10); c11 = Avx512F.FusedMultiplyAdd(x, y1, c11);
            c12 = Avx512F.FusedMultiplyAdd(x, y2, c12); c13 = Avx512F.FusedMultiplyAdd(x, y3, c13);
            x = Vector512.Load(a2 + p);
            c20 = Avx512F.FusedMultiplyAdd(x, y0, c20); c21 = Avx512F.FusedMultiplyAdd(x, y1, c21);
            c22 = Avx512F.FusedMultiplyAdd(x, y2, c22); c23 = Avx512F.FusedMultiplyAdd(x, y3, c23);
            x = Vector512.Load(a3 + p);
            c30 = Avx512F.FusedMultiplyAdd(x, y0, c30); c31 = Avx512F.FusedMultiplyAdd(x, y1, c31);
            c32 = Avx512F.FusedMultiplyAdd(x, y2, c32); c33 = Avx512F.FusedMultiplyAdd(x, y3, c33);
        }
        // (Reducing before the Tail calls, as Block256 does, stops the JIT spilling 12 accumulators in the loop here
        // too, but measured 4-7% slower on Zen 4, so this order stays.)
        float* cRow = c + (long)i * n + j;
        Store(cRow, Sum4(Fold(c00), Fold(c01), Fold(c02), Fold(c03)) + Tail(a0, b0, b1, b2, b3, p, k), cols);
        if (rows > 1) Store(cRow + n, Sum4(Fold(c10), Fold(c11), Fold(c12), Fold(c13)) + Tail(a1, b0, b1, b2, b3, p, k), cols);
        if (rows > 2) Store(cRow + 2 * n, Sum4(Fold(c20), Fold(c21), Fold(c22), Fold(c23)) + Tail(a2, b0, b1, b2, b3, p, k), cols);
        if (rows > 3) Store(cRow + 3 * n, Sum4(Fold(c30), Fold(c31), Fold(c32), Fold(c33)) + Tail(a3, b0, b1, b2, b3, p, k), cols);
    }

    // ---- AVX2: 4 rows of A × 3 rows of B = 12 accumulators of 8 floats, + 3 vectors of B and 1 of A = 16 registers ----

    static void Rows256(float* a, float* b, float* c, int k, int n, int rowStart, int rowEnd)
    {
        for (int i = rowStart; i < rowEnd; i += 4)
            for (int j = 0; j < n; j += 3)
                Block256(a, b, c, k, n, i, Math.Min(4, rowEnd - i), j, Math.Min(3, n - j));
    }

    /// <summary>Each step of 8 along k loads 3 vectors of B and 4 of A for 12 multiply-adds (the 2×4 block it
    /// replaced loaded 6 for 8, and its 8 accumulators just covered the FMA latency of two pipes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Block256(float* a, float* b, float* c, int k, int n, int i, int rows, int j, int cols)
    {
        float* a0 = Row(a, k, i, 0, rows), a1 = Row(a, k, i, 1, rows), a2 = Row(a, k, i, 2, rows), a3 = Row(a, k, i, 3, rows);
        float* b0 = Row(b, k, j, 0, cols), b1 = Row(b, k, j, 1, cols), b2 = Row(b, k, j, 2, cols);
        Vector256<float> c00 = default, c01 = default, c02 = default;
        Vector256<float> c10 = default, c11 = default, c12 = default;
        Vector256<float> c20 = default, c21 = default, c22 = default;
        Vector256<float> c30 = default, c31 = default, c32 = default;
        int p = 0;
        for (; p <= k - 8; p += 8)
        {
            var y0 = Vector256.Load(b0 + p); var y1 = Vector256.Load(b1 + p); var y2 = Vector256.Load(b2 + p);
            var x = Vector256.Load(a0 + p);
            c00 = Fma.MultiplyAdd(x, y0, c00); c01 = Fma.MultiplyAdd(x, y1, c01); c02 = Fma.MultiplyAdd(x, y2, c02);
            x = Vector256.Load(a1 + p);
            c10 = Fma.MultiplyAdd(x, y0, c10); c11 = Fma.MultiplyAdd(x, y1, c11); c12 = Fma.MultiplyAdd(x, y2, c12);
            x = Vector256.Load(a2 + p);
            c20 = Fma.MultiplyAdd(x, y0, c20); c21 = Fma.MultiplyAdd(x, y1, c21); c22 = Fma.MultiplyAdd(x, y2, c22);
            x = Vector256.Load(a3 + p);
            c30 = Fma.MultiplyAdd(x, y0, c30); c31 = Fma.MultiplyAdd(x, y1, c31); c32 = Fma.MultiplyAdd(x, y2, c32);
        }
        // Reduce every accumulator before any call: a vector live across a call is spilled to the stack, and the
        // JIT would then spill all twelve inside the loop. The fourth sum repeats the third column and is not stored.
        var s0 = Sum4(c00, c01, c02, c02); var s1 = Sum4(c10, c11, c12, c12);
        var s2 = Sum4(c20, c21, c22, c22); var s3 = Sum4(c30, c31, c32, c32);
        if (p < k)
        {
            s0 += Tail(a0, b0, b1, b2, b2, p, k); s1 += Tail(a1, b0, b1, b2, b2, p, k);
            s2 += Tail(a2, b0, b1, b2, b2, p, k); s3 += Tail(a3, b0, b1, b2, b2, p, k);
        }
        float* cRow = c + (long)i * n + j;
        Store(cRow, s0, cols);
        if (rows > 1) Store(cRow + n, s1, cols);
        if (rows > 2) Store(cRow + 2 * n, s2, cols);
        if (rows > 3) Store(cRow + 3 * n, s3, cols);
    }

    // ---- Scalar: one row of A × 4 rows of B, four running sums ----

    static void RowsScalar(float* a, float* b, float* c, int k, int n, int rowStart, int rowEnd)
    {
        for (int i = rowStart; i < rowEnd; i++)
            for (int j = 0; j < n; j += 4)
            {
                int cols = Math.Min(4, n - j);
                float* ai = a + (long)i * k;
                var sums = Tail(ai, Row(b, k, j, 0, cols), Row(b, k, j, 1, cols), Row(b, k, j, 2, cols), Row(b, k, j, 3, cols), 0, k);
                Store(c + (long)i * n + j, sums, cols);
            }
    }

    // ---- shared pieces ----

    /// <summary>Row <c>first + offset</c> of a matrix with row length <paramref name="k"/>, or its last real
    /// row when the block has only <paramref name="count"/> rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static float* Row(float* matrix, int k, int first, int offset, int count)
        => matrix + (long)(first + Math.Min(offset, count - 1)) * k;

    /// <summary>Adds the upper half of a 512-bit vector to its lower half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> Fold(Vector512<float> v) => v.GetLower() + v.GetUpper();

    /// <summary>The lane sums of four vectors, as one 4-float vector: (Σw, Σx, Σy, Σz).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector128<float> Sum4(Vector256<float> w, Vector256<float> x, Vector256<float> y, Vector256<float> z)
    {
        // hadd(hadd(w, x), hadd(y, z)) leaves each lane sum split across the two 128-bit halves.
        var all = Avx.HorizontalAdd(Avx.HorizontalAdd(w, x), Avx.HorizontalAdd(y, z));
        return all.GetLower() + all.GetUpper();
    }

    /// <summary>(Σ a·b0, Σ a·b1, Σ a·b2, Σ a·b3) over p in [from, k): the part of k no vector covered.</summary>
    static Vector128<float> Tail(float* a, float* b0, float* b1, float* b2, float* b3, int from, int k)
    {
        if (from >= k) return Vector128<float>.Zero;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int p = from; p < k; p++)
        {
            float x = a[p];
            s0 += x * b0[p]; s1 += x * b1[p]; s2 += x * b2[p]; s3 += x * b3[p];
        }
        return Vector128.Create(s0, s1, s2, s3);
    }

    /// <summary>Writes the first <paramref name="cols"/> of four sums to a row of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Store(float* target, Vector128<float> sums, int cols)
    {
        if (cols == 4) { sums.Store(target); return; }
        for (int t = 0; t < cols; t++) target[t] = sums.GetElement(t);
    }
}
