namespace Course.Kernels;

/// <summary>One matrix product with its operands pinned: what a thread needs to compute a band of rows of C.</summary>
internal readonly unsafe struct KernelJob
{
    /// <summary>Which of the three products: C = A·Bᵀ, C = A·B, or C = Aᵀ·B.</summary>
    public enum Product { TransposedB, Plain, TransposedA }

    readonly Product product;
    readonly float* a, b, c;
    readonly int k, n;
    readonly KernelPath path;

    /// <summary>Rows of C.</summary>
    public int M { get; }

    public KernelJob(Product product, float* a, float* b, float* c, int m, int k, int n, KernelPath path)
    {
        this.product = product;
        this.a = a; this.b = b; this.c = c;
        M = m; this.k = k; this.n = n;
        this.path = path;
    }

    /// <summary>Computes rows [rowStart, rowEnd) of C; different bands touch disjoint parts of C.</summary>
    public void RunRows(int rowStart, int rowEnd)
    {
        switch (product)
        {
            case Product.TransposedB:
                DotProductKernel.Rows(a, b, c, k, n, rowStart, rowEnd, path);
                break;
            case Product.Plain: // A (m×k): A(i,p) = a[i·k + p]
                OuterProductKernel.Rows(a, k, 1, b, c, k, n, rowStart, rowEnd, path);
                break;
            default: // A stored (k×m): A(i,p) = a[p·m + i]
                OuterProductKernel.Rows(a, 1, M, b, c, k, n, rowStart, rowEnd, path);
                break;
        }
    }
}
