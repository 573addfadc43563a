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
    readonly SeededRandom random;
    readonly int[] order;
    readonly Batch[] batches; // two, used in turn: one is trained on while the other is filled

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
        random = new SeededRandom((uint)seed);   // the seed's 32 bits as a non-negative state
        order = Enumerable.Range(0, set.Count).ToArray();
        BatchSize = batchSize;
        BatchesPerEpoch = (set.Count + batchSize - 1) / batchSize;
        batches = [new Batch(Math.Min(batchSize, set.Count)), new Batch(Math.Min(batchSize, set.Count))];
    }

    /// <summary>
    /// True (the default on a machine with two or more cores) to fill the next batch on a second thread while the
    /// current one is in use. The batches and their order are the same either way.
    /// </summary>
    public bool FillAhead { get; init; } = Environment.ProcessorCount > 1;

    /// <summary>Images per full batch.</summary>
    public int BatchSize { get; }

    /// <summary>⌈Count / BatchSize⌉: 938 for 60,000 images at 64 (the last partial batch is kept).</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>
    /// One epoch: reshuffles the order (if shuffling), then yields <see cref="BatchesPerEpoch"/> batches.
    /// Two <see cref="Batch"/> objects are refilled in turn (no allocation per batch); a batch is valid until the
    /// next MoveNext, so copy what you need to keep. Run one epoch at a time.
    /// </summary>
    public IEnumerable<Batch> NextEpoch()
    {
        // the shuffle happens when enumeration starts, so an epoch that is never enumerated does not consume randomness
        if (shuffle) random.Shuffle(order.AsSpan());
        if (!FillAhead)
        {
            for (int k = 0; k < BatchesPerEpoch; k++)
            {
                batches[k % 2].Fill(set, order.AsSpan(Start(k), Count(k)));
                yield return batches[k % 2];
            }
            yield break;
        }
        // batch k is used while batch k + 1 is filled into the other buffer
        using var filler = new BatchFiller(set, order);
        batches[0].Fill(set, order.AsSpan(Start(0), Count(0)));
        for (int k = 0; k < BatchesPerEpoch; k++)
        {
            if (k + 1 < BatchesPerEpoch) filler.Start(batches[(k + 1) % 2], Start(k + 1), Count(k + 1));
            yield return batches[k % 2];
            filler.Wait();
        }
    }

    int Start(int k) => k * BatchSize;
    int Count(int k) => Math.Min(BatchSize, order.Length - k * BatchSize);
}
