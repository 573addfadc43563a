using Course.NeuralNetwork;

namespace Course.Sequences;

/// <summary>
/// A lookup table, PyTorch's <c>nn.Embedding</c>: token id k becomes row k of E, a vector of
/// <see cref="Dimensions"/> numbers, X[i] = E[id_i]. Initialised like PyTorch, every entry drawn from N(0, 1).
/// Backward: each row of dX is added into the row of dE it came from, dE[id_i] += dX[i].
/// </summary>
public sealed class Embedding
{
    float[] _output = [];   // (count, dimensions)
    int[] _ids = [];        // the ids of the last Forward, kept for Backward

    /// <param name="vocabulary">V, the number of token ids, at least 1.</param>
    /// <param name="dimensions">D, numbers per token, at least 1.</param>
    /// <param name="random">The generator shared by the model's layers.</param>
    /// <exception cref="ArgumentOutOfRangeException">vocabulary or dimensions is below 1.</exception>
    public Embedding(int vocabulary, int dimensions, SeededRandom random)
    {
        if (vocabulary < 1) throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, "An embedding needs at least 1 token id.");
        if (dimensions < 1) throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "An embedding needs at least 1 dimension.");
        ArgumentNullException.ThrowIfNull(random);
        Vocabulary = vocabulary;
        Dimensions = dimensions;
        Table = new Parameter("E", vocabulary, dimensions);
        for (int i = 0; i < Table.Length; i++) Table.Data[i] = StandardNormal(random);
    }

    public int Vocabulary { get; }
    public int Dimensions { get; }

    /// <summary>E, shape (vocabulary, dimensions).</summary>
    public Parameter Table { get; }

    /// <summary>X[i] = E[ids[i]] for the first <paramref name="count"/> ids. → X: (count, dimensions), a reused buffer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id outside [0, vocabulary).</exception>
    public float[] Forward(int[] ids, int count)
    {
        int d = Dimensions;
        LayerBuffers.EnsureCapacity(ref _output, count * d);
        for (int i = 0; i < count; i++)
        {
            int id = ids[i];
            if ((uint)id >= (uint)Vocabulary)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id {id} at position {i} is outside [0, {Vocabulary}).");
            Array.Copy(Table.Data, id * d, _output, i * d, d);
        }
        _ids = ids;
        return _output;
    }

    /// <summary>dE = 0, then dE[ids[i]] += dX[i] for every position. dX: (count, dimensions).</summary>
    public void Backward(ReadOnlySpan<float> outputGradient, int count)
    {
        int d = Dimensions;
        float[] dE = Table.Grad;
        Array.Clear(dE);
        for (int i = 0; i < count; i++)
        {
            int row = _ids[i] * d, from = i * d;
            for (int j = 0; j < d; j++) dE[row + j] += outputGradient[from + j];
        }
    }

    /// <summary>One draw from N(0, 1) by Box–Muller from two uniforms of the shared generator.</summary>
    internal static float StandardNormal(SeededRandom random)
    {
        float u1 = 1f - random.NextFloat(); // (0, 1]: log stays finite
        float u2 = random.NextFloat();
        return MathF.Sqrt(-2f * MathF.Log(u1)) * MathF.Cos(2f * MathF.PI * u2);
    }

    public override string ToString() => $"Embedding({Vocabulary} → {Dimensions})";
}
