using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Course.Kernels;

/// <summary>
/// The fast path of <see cref="ReferenceKernels.Multiply"/> and <see cref="ReferenceKernels.MultiplyTransposedA"/>:
/// C[i,j] = Σ_p A(i,p)·B[p,j] with B stored k×n, built as a sum of k outer products. Row p of B is
/// contiguous, so a block of C (a few rows × a few vectors of columns) is held in registers and, for
/// each p, gets A(i,p) broadcast times the vectors of row p of B added to it.
/// <para>A is read through two strides, A(i,p) = a[i·rowStride + p·depthStride], so one kernel serves
/// A stored m×k (Multiply: strides k, 1) and A stored k×m (MultiplyTransposedA: strides 1, m).</para>
/// <para>Columns are taken in blocks of four vectors (AVX-512) or three (AVX2), then the vectors left, then one at a time for the
/// last few; a block at the bottom edge reuses the last real row of A and skips storing the extra rows.</para>
/// </summary>
internal static unsafe class OuterProductKernel
{
    /// <summary>Computes rows [rowStart, rowEnd) of C (m×n), C[i,j] = Σ_p a[i·rowStride + p·depthStride]·b[p·n + j].</summary>
    public static void Rows(float* a, long rowStride, long depthStride, float* b, float* c, int k, int n,
                            int rowStart, int rowEnd, KernelPath path)
    {
        int j = path switch
        {
            KernelPath.Vector512 => Columns512(a, rowStride, depthStride, b, c, k, n, rowStart, rowEnd),
            KernelPath.Vector256 => Columns256(a, rowStride, depthStride, b, c, k, n, rowStart, rowEnd),
            _ => 0,
        };
        ScalarColumns(a, rowStride, depthStride, b, c, k, n, rowStart, rowEnd, j);
    }

    // ---- AVX-512: 4 rows × 4 vectors (64 columns), then 4 rows × 1 vector; returns the first column left ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static int Columns512(float* a, long rs, long ds, float* b, float* c, int k, int n, int rowStart, int rowEnd)
    {
        int j = 0;
        for (; j <= n - 64; j += 64)
            for (int i = rowStart; i < rowEnd; i += 4)
                Block512x4(a, rs, ds, b, c, k, n, i, Math.Min(4, rowEnd - i), j);
        for (; j <= n - 16; j += 16)
            for (int i = rowStart; i < rowEnd; i += 4)
                Block512x1(a, rs, ds, b, c, k, n, i, Math.Min(4, rowEnd - i), j);
        return j;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Block512x4(float* a, long rs, long ds, float* b, float* c, int k, int n, int i, int rows, int j)
    {
        float* a0 = a + i * rs, a1 = a + Clamp(i, 1, rows) * rs, a2 = a + Clamp(i, 2, rows) * rs, a3 = a + Clamp(i, 3, rows) * rs;
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        float* bp = b + j;
        for (int p = 0; p < k; p++, bp += n)
        {
            var y0 = Vector512.Load(bp); var y1 = Vector512.Load(bp + 16);
            var y2 = Vector512.Load(bp + 32); var y3 = Vector512.Load(bp + 48);
            long q = p * ds;
            var x = Vector512.Create(a0[q]);
            c00 = Avx512F.FusedMultiplyAdd(x, y0, c00); c01 = Avx512F.FusedMultiplyAdd(x, y1, c01);
            c02 = Avx512F.FusedMultiplyAdd(x, y2, c02); c03 = Avx512F.FusedMultiplyAdd(x, y3, c03);
            x = Vector512.Create(a1[q]);
            c10 = Avx512F.FusedMultiplyAdd(x, y0, c10); c11 = Avx512F.FusedMultiplyAdd(x, y1, c11);
            c12 = Avx512F.FusedMultiplyAdd(x, y2, c12); c13 = Avx512F.FusedMultiplyAdd(x, y3, c13);
            x = Vector512.Create(a2[q]);
            c20 = Avx512F.FusedMultiplyAdd(x, y0, c20); c21 = Avx512F.FusedMultiplyAdd(x, y1, c21);
            c22 = Avx512F.FusedMultiplyAdd(x, y2, c22); c23 = Avx512F.FusedMultiplyAdd(x, y3, c23);
            x = Vector512.Create(a3[q]);
            c30 = Avx512F.FusedMultiplyAdd(x, y0, c30); c31 = Avx512F.FusedMultiplyAdd(x, y1, c31);
            c32 = Avx512F.FusedMultiplyAdd(x, y2, c32); c33 = Avx512F.FusedMultiplyAdd(x, y3, c33);
        }
        float* cRow = c + (long)i * n + j;
        c00.Store(cRow); c01.Store(cRow + 16); c02.Store(cRow + 32); c03.Store(cRow + 48);
        if (rows < 2) return;
        cRow += n; c10.Store(cRow); c11.Store(cRow + 16); c12.Store(cRow + 32); c13.Store(cRow + 48);
        if (rows < 3) return;
        cRow += n; c20.Store(cRow); c21.Store(cRow + 16); c22.Store(cRow + 32); c23.Store(cRow + 48);
        if (rows < 4) return;
        cRow += n; c30.Store(cRow); c31.Store(cRow + 16); c32.Store(cRow + 32); c33.Store(cRow + 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Block512x1(float* a, long rs, long ds, float* b, float* c, int k, int n, int i, int rows, int j)
    {
        float* a0 = a + i * rs, a1 = a + Clamp(i, 1, rows) * rs, a2 = a + Clamp(i, 2, rows) * rs, a3 = a + Clamp(i, 3, rows) * rs;
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        float* bp = b + j;
        for (int p = 0; p < k; p++, bp += n)
        {
            var y = Vector512.Load(bp);
            long q = p * ds;
            c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(a0[q]), y, c0);
            c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(a1[q]), y, c1);
            c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(a2[q]), y, c2);
            c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(a3[q]), y, c3);
        }
        float* cRow = c + (long)i * n + j;
        c0.Store(cRow);
        if (rows > 1) c1.Store(cRow + n);
        if (rows > 2) c2.Store(cRow + 2 * n);
        if (rows > 3) c3.Store(cRow + 3 * n);
    }

    // ---- AVX2: 4 rows × 3 vectors (24 columns) = 12 accumulators, + 3 vectors of B and a broadcast = 16 registers;
    //      the last 8 or 16 columns as 4 rows × 1 or 2 vectors ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static int Columns256(float* a, long rs, long ds, float* b, float* c, int k, int n, int rowStart, int rowEnd)
    {
        int j = 0;
        for (; j <= n - 24; j += 24)
            for (int i = rowStart; i < rowEnd; i += 4)
                Block256(a, rs, ds, b, c, k, n, i, Math.Min(4, rowEnd - i), j, 3);
        int vectors = (n - j) / 8;
        if (vectors > 0)
        {
            for (int i = rowStart; i < rowEnd; i += 4)
                Block256(a, rs, ds, b, c, k, n, i, Math.Min(4, rowEnd - i), j, vectors);
            j += 8 * vectors;
        }
        return j;
    }

    /// <summary>4 rows × <paramref name="vectors"/> (1 to 3) vectors of 8 columns. Each p loads 3 vectors of B and
    /// broadcasts 4 values of A for 12 multiply-adds; with fewer vectors the extra accumulators repeat the last
    /// column block and are not stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Block256(float* a, long rs, long ds, float* b, float* c, int k, int n, int i, int rows, int j, int vectors)
    {
        float* a0 = a + i * rs, a1 = a + Clamp(i, 1, rows) * rs, a2 = a + Clamp(i, 2, rows) * rs, a3 = a + Clamp(i, 3, rows) * rs;
        int second = vectors >= 2 ? 8 : 0, third = vectors >= 3 ? 16 : second;
        Vector256<float> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
        Vector256<float> c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        float* bp = b + j;
        for (int p = 0; p < k; p++, bp += n)
        {
            var y0 = Vector256.Load(bp); var y1 = Vector256.Load(bp + second); var y2 = Vector256.Load(bp + third);
            long q = p * ds;
            var x = Vector256.Create(a0[q]);
            c00 = Fma.MultiplyAdd(x, y0, c00); c01 = Fma.MultiplyAdd(x, y1, c01); c02 = Fma.MultiplyAdd(x, y2, c02);
            x = Vector256.Create(a1[q]);
            c10 = Fma.MultiplyAdd(x, y0, c10); c11 = Fma.MultiplyAdd(x, y1, c11); c12 = Fma.MultiplyAdd(x, y2, c12);
            x = Vector256.Create(a2[q]);
            c20 = Fma.MultiplyAdd(x, y0, c20); c21 = Fma.MultiplyAdd(x, y1, c21); c22 = Fma.MultiplyAdd(x, y2, c22);
            x = Vector256.Create(a3[q]);
            c30 = Fma.MultiplyAdd(x, y0, c30); c31 = Fma.MultiplyAdd(x, y1, c31); c32 = Fma.MultiplyAdd(x, y2, c32);
        }
        float* cRow = c + (long)i * n + j;
        Store3(cRow, c00, c01, c02, vectors);
        if (rows < 2) return;
        cRow += n; Store3(cRow, c10, c11, c12, vectors);
        if (rows < 3) return;
        cRow += n; Store3(cRow, c20, c21, c22, vectors);
        if (rows < 4) return;
        cRow += n; Store3(cRow, c30, c31, c32, vectors);
    }

    /// <summary>Stores the first <paramref name="vectors"/> of three vectors to consecutive columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Store3(float* target, Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, int vectors)
    {
        v0.Store(target);
        if (vectors > 1) v1.Store(target + 8);
        if (vectors > 2) v2.Store(target + 16);
    }

    // ---- Scalar: columns [firstColumn, n), row by row, each row of C built as Σ_p A(i,p)·(row p of B) ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ScalarColumns(float* a, long rs, long ds, float* b, float* c, int k, int n, int rowStart, int rowEnd, int firstColumn)
    {
        if (firstColumn >= n) return;
        for (int i = rowStart; i < rowEnd; i++)
        {
            float* cRow = c + (long)i * n;
            for (int j = firstColumn; j < n; j++) cRow[j] = 0;
            for (int p = 0; p < k; p++)
            {
                float x = a[i * rs + p * ds];
                float* bRow = b + (long)p * n;
                for (int j = firstColumn; j < n; j++) cRow[j] += x * bRow[j];
            }
        }
    }

    /// <summary>Row index <c>i + offset</c>, or the block's last real row when it has fewer rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static long Clamp(int i, int offset, int rows) => i + Math.Min(offset, rows - 1);
}
