using Course.Data;

namespace Course.Sequences;

/// <summary>
/// Serves a token stream as batches of windows for training a language model. The stream is cut into
/// ⌊(N − 1) / T⌋ non-overlapping windows of T inputs (window w starts at token w·T and its targets are the T tokens
/// one further on), so an epoch predicts every token of the stream once. Each epoch visits the windows in a new
/// order drawn from a seeded generator, B at a time; the ⌊windows / B⌋ full batches are served and the few windows
/// left over wait for a later epoch's order. One <see cref="TokenBatch"/> is refilled each time (no allocation per batch).
/// </summary>
public sealed class WindowLoader
{
    readonly int[] _tokens;
    readonly int[] _order;
    readonly SeededRandom _random;
    readonly TokenBatch _batch;

    /// <param name="tokens">The token ids, in text order; at least B·T + 1 of them.</param>
    /// <param name="sequences">B, windows per batch, at least 1.</param>
    /// <param name="steps">T, tokens per window (how far back BPTT reaches), at least 1.</param>
    /// <param name="seed">Seeds the order; equal seeds give equal batches on every run and .NET version.</param>
    /// <exception cref="ArgumentOutOfRangeException">B or T below 1, or too few tokens for one batch.</exception>
    public WindowLoader(int[] tokens, int sequences, int steps, int seed)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (sequences < 1) throw new ArgumentOutOfRangeException(nameof(sequences), sequences, "A batch needs at least 1 window.");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "A window needs at least 1 step.");
        int windows = (tokens.Length - 1) / steps;
        if (windows < sequences)
            throw new ArgumentOutOfRangeException(nameof(tokens), tokens.Length,
                $"{tokens.Length} tokens make {windows} windows of {steps}; a batch of {sequences} windows needs at least {sequences * steps + 1} tokens.");
        _tokens = tokens;
        _order = Enumerable.Range(0, windows).ToArray();
        _random = new SeededRandom(seed);
        _batch = new TokenBatch(sequences, steps);
        BatchesPerEpoch = windows / sequences;
    }

    /// <summary>Full batches per epoch, ⌊windows / B⌋.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Windows in the stream, ⌊(N − 1) / T⌋.</summary>
    public int Windows => _order.Length;

    /// <summary>Reshuffles the windows, then yields <see cref="BatchesPerEpoch"/> batches, each valid until the next one.</summary>
    public IEnumerable<TokenBatch> NextEpoch()
    {
        _random.Shuffle(_order.AsSpan());
        for (int k = 0; k < BatchesPerEpoch; k++)
        {
            Fill(k);
            yield return _batch;
        }
    }

    /// <summary>Batch k of the current order: x_{t,s} = tokens[start_s + t], y_{t,s} = tokens[start_s + t + 1].</summary>
    void Fill(int k)
    {
        int b = _batch.Sequences, steps = _batch.Steps;
        for (int s = 0; s < b; s++)
        {
            int start = _order[k * b + s] * steps;
            for (int t = 0; t < steps; t++)
            {
                _batch.Inputs[t * b + s] = _tokens[start + t];
                _batch.Targets[t * b + s] = _tokens[start + t + 1];
            }
        }
    }
}
