namespace Course.Kernels;

/// <summary>One of the three products of <see cref="MatrixKernels"/> with its sizes and kernel path: what a thread
/// needs to compute any band of rows of C.</summary>
internal readonly struct MatrixProduct(MatrixProduct.Kind kind, int m, int k, int n, KernelPath path)
{
    /// <summary>Which product: A·Bᵀ, A·B or Aᵀ·B.</summary>
    public enum Kind { TransposedB, Plain, TransposedA }

    public int M => m;
    public int N => n;

    /// <summary>Computes rows [first, last) of C into C.</summary>
    public unsafe void RunRows(float[] a, float[] b, float[] c, int first, int last)
    {
        fixed (float* pc = c) Rows(a, b, pc, first, last);
    }

    /// <summary>Computes rows [first, last) of C into <paramref name="rows"/>, starting at its index 0.</summary>
    public unsafe void RunRowsInto(float[] a, float[] b, float[] rows, int first, int last)
    {
        fixed (float* start = rows) Rows(a, b, start - (long)first * n, first, last); // row i lands at (i − first)·n
    }

    unsafe void Rows(float[] a, float[] b, float* c, int first, int last)
    {
        fixed (float* pa = a, pb = b) Rows(pa, pb, c, first, last);
    }

    /// <summary>Computes rows [first, last) of C through pointers (the span entry points pin and call this).</summary>
    public unsafe void Rows(float* a, float* b, float* c, int first, int last)
    {
        switch (kind)
        {
            case Kind.TransposedB: DotProductKernel.Rows(a, b, c, k, n, first, last, path); break;
            case Kind.Plain: OuterProductKernel.Rows(a, k, 1, b, c, k, n, first, last, path); break;      // A(i,p) = a[i·k + p]
            default: OuterProductKernel.Rows(a, 1, m, b, c, k, n, first, last, path); break;              // A stored (k×m): a[p·m + i]
        }
    }
}
