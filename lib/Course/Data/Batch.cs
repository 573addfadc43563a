namespace Course.Data;

/// <summary>
/// One mini-batch of normalized images, refilled in place by <see cref="BatchLoader"/> for every batch
/// (no allocation per batch): its contents are valid until the loader moves to the next batch.
/// Row r holds image <c>Indices[r]</c> of the set: inputs <c>Inputs[r*784 .. r*784+783]</c>, digit <c>Labels[r]</c>.
/// </summary>
public sealed class Batch
{
    readonly int[] indices;

    internal Batch(int capacity)
    {
        Inputs = new float[capacity * MnistSet.PixelsPerImage];
        Labels = new int[capacity];
        indices = new int[capacity];
    }

    /// <summary>Rows in this batch: the loader's batch size, or fewer for the last batch of an epoch.</summary>
    public int Count { get; private set; }

    /// <summary>Capacity BatchSize × 784 (or the set size × 784 if smaller); the first Count × 784 are this batch's images, normalized to [−1, 1], the rest are 0.</summary>
    public float[] Inputs { get; }

    /// <summary>Capacity BatchSize; the first Count are this batch's digits 0..9.</summary>
    public int[] Labels { get; }

    /// <summary>Which rows of the set this batch holds, in order.</summary>
    public ReadOnlySpan<int> Indices => indices.AsSpan(0, Count);

    /// <summary>Copies the images and labels of <paramref name="rows"/> from <paramref name="set"/>, normalizing the pixels.</summary>
    internal void Fill(MnistSet set, ReadOnlySpan<int> rows)
    {
        const int P = MnistSet.PixelsPerImage;
        Count = rows.Length;
        rows.CopyTo(indices);
        for (int r = 0; r < rows.Length; r++)
        {
            if (r + 1 < rows.Length) Prefetch(set.Image(rows[r + 1])); // rows are scattered: start fetching the next one
            Mnist.Normalize(set.Image(rows[r]), Inputs.AsSpan(r * P, P));
            Labels[r] = set.Labels[rows[r]];
        }
        // a short last batch must not show the previous batch's rows
        Inputs.AsSpan(rows.Length * P).Clear();
        Labels.AsSpan(rows.Length).Clear();
    }

    /// <summary>Asks the CPU to start loading an image's cache lines (a hint; no effect where unsupported).</summary>
    static unsafe void Prefetch(ReadOnlySpan<byte> image)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        fixed (byte* start = image)
            for (int offset = 0; offset < image.Length; offset += 64)
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(start + offset);
    }
}
