namespace Course.Data;

/// <summary>
/// Serves a set in mini-batches of normalized images, like PyTorch's <c>DataLoader(set, batch_size=64, shuffle=True)</c>:
/// each epoch visits every image exactly once, in a new seeded random order, in
/// ⌈Count / BatchSize⌉ batches (the last one smaller if BatchSize does not divide Count: 60,000 = 937 × 64 + 32).
/// </summary>
public sealed class BatchLoader
{
    readonly MnistSet set;
    readonly bool shuffle;
    readonly SplitMix64 random;
    readonly int[] order;
    readonly Batch batch;

    /// <param name="set">The images to serve; at least one.</param>
    /// <param name="batchSize">Images per batch (default 64, as in the seed); at least 1.</param>
    /// <param name="seed">Seed of the shuffle: the same seed gives the same sequence of epochs on every run and .NET version.</param>
    /// <param name="shuffle">True (default) to reshuffle every epoch; false to serve the images in their stored order.</param>
    /// <exception cref="ArgumentException"><paramref name="set"/> is empty or <paramref name="batchSize"/> is below 1.</exception>
    public BatchLoader(MnistSet set, int batchSize = 64, int seed = 0, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Count == 0)
            throw new ArgumentException("set has no images, expected at least one.", nameof(set));
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "expected a batch size of at least 1.");
        this.set = set;
        this.shuffle = shuffle;
        random = new SplitMix64((ulong)(uint)seed);
        order = Enumerable.Range(0, set.Count).ToArray();
        BatchSize = batchSize;
        BatchesPerEpoch = (set.Count + batchSize - 1) / batchSize;
        batch = new Batch(Math.Min(batchSize, set.Count));
    }

    /// <summary>Images per full batch.</summary>
    public int BatchSize { get; }

    /// <summary>⌈Count / BatchSize⌉: 938 for 60,000 images at 64 (the last partial batch is kept).</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>
    /// One epoch: reshuffles the order (if shuffling), then yields <see cref="BatchesPerEpoch"/> batches.
    /// The SAME <see cref="Batch"/> object is refilled for every batch; it is valid until the next MoveNext,
    /// so copy what you need to keep. Run one epoch at a time.
    /// </summary>
    public IEnumerable<Batch> NextEpoch()
    {
        // the shuffle happens when enumeration starts, so an epoch that is never enumerated does not consume randomness
        if (shuffle) random.Shuffle(order.AsSpan());
        for (int start = 0; start < order.Length; start += BatchSize)
        {
            int count = Math.Min(BatchSize, order.Length - start);
            batch.Fill(set, order.AsSpan(start, count));
            yield return batch;
        }
    }
}
