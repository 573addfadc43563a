namespace Course.Sequences;

/// <summary>
/// B windows of T tokens and, for each position, the token that follows it: the model reads
/// <see cref="Inputs"/> and is scored on predicting <see cref="Targets"/>. Time-major: entry t·B + s is
/// sequence s at step t. A loader refills the same arrays batch after batch.
/// </summary>
public sealed class TokenBatch
{
    internal TokenBatch(int sequences, int steps)
    {
        Sequences = sequences;
        Steps = steps;
        Inputs = new int[sequences * steps];
        Targets = new int[sequences * steps];
    }

    /// <summary>B, the windows in the batch.</summary>
    public int Sequences { get; }

    /// <summary>T, the tokens per window.</summary>
    public int Steps { get; }

    /// <summary>B·T, the positions scored.</summary>
    public int Positions => Sequences * Steps;

    /// <summary>Token ids x: (T, B), time-major.</summary>
    public int[] Inputs { get; }

    /// <summary>The next token at each position, y_{t,s} = x_{t+1,s}: (T, B).</summary>
    public int[] Targets { get; }
}
