using Course.Data;
using Course.NeuralNetwork;

namespace Course.Sequences;

/// <summary>
/// A recurrent language model: each token id is embedded (x_t = E[id_t]), an Elman layer carries a state along the
/// window (h_t = tanh(W·x_t + U·h_{t−1} + b)), and an output layer scores every token of the vocabulary as the next
/// one (z_t = V·h_t + c); the loss is the mean cross-entropy of softmax(z_t) against the true next token over all
/// T·B positions. PyTorch's equivalent is <c>nn.Embedding</c> + <c>nn.RNN</c> + <c>nn.Linear</c> + <c>nn.CrossEntropyLoss</c>.
/// </summary>
public sealed class RnnLanguageModel
{
    readonly SoftmaxCrossEntropy _loss;

    /// <param name="vocabulary">Token ids (and output classes), at least 2.</param>
    /// <param name="embedding">Numbers per embedded token, at least 1.</param>
    /// <param name="hidden">Size of the recurrent state, at least 1.</param>
    /// <param name="seed">Seeds the initialisation: E, then W, U, b, then the output layer.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size below its minimum.</exception>
    public RnnLanguageModel(int vocabulary, int embedding, int hidden, long seed)
    {
        if (vocabulary < 2) throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, "A language model needs at least 2 token ids.");
        var random = new SeededRandom(seed);
        Embedding = new Embedding(vocabulary, embedding, random);
        Recurrent = new ElmanRnn(embedding, hidden, random);
        Output = new Linear(hidden, vocabulary, random, name: "out");
        _loss = new SoftmaxCrossEntropy(vocabulary);
        Parameters = [Embedding.Table, .. Recurrent.Parameters, .. Output.Parameters];
    }

    public Embedding Embedding { get; }
    public ElmanRnn Recurrent { get; }

    /// <summary>The output projection V (vocabulary × hidden) and c.</summary>
    public Linear Output { get; }

    /// <summary>E, W, U, b, Wout, bout.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    public int Vocabulary => Embedding.Vocabulary;

    /// <summary>One training pass on <paramref name="batch"/>: forward, loss, backward. Returns the loss; every Grad is overwritten.</summary>
    public float ForwardBackward(TokenBatch batch) => Run(batch.Inputs, batch.Targets, batch.Sequences, batch.Steps, backward: true);

    /// <summary>The loss on <paramref name="batch"/>, leaving the gradients alone.</summary>
    public float Loss(TokenBatch batch) => Run(batch.Inputs, batch.Targets, batch.Sequences, batch.Steps, backward: false);

    /// <summary>
    /// The mean loss over every non-overlapping window of T tokens of <paramref name="tokens"/>, in order, B windows at a
    /// time (the last group may be smaller): the validation loss. Its exponential is the perplexity.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than T + 1 tokens.</exception>
    public float Evaluate(int[] tokens, int sequences, int steps)
    {
        int windows = (tokens.Length - 1) / steps;
        if (windows < 1) throw new ArgumentException($"Evaluating needs at least {steps + 1} tokens for one window of {steps}; got {tokens.Length}.", nameof(tokens));
        var inputs = new int[sequences * steps];
        var targets = new int[sequences * steps];
        double total = 0;
        for (int first = 0; first < windows; first += sequences)
        {
            int b = Math.Min(sequences, windows - first);
            for (int s = 0; s < b; s++)
                for (int t = 0; t < steps; t++)
                {
                    inputs[t * b + s] = tokens[(first + s) * steps + t];
                    targets[t * b + s] = tokens[(first + s) * steps + t + 1];
                }
            total += (double)Run(inputs, targets, b, steps, backward: false) * b;
        }
        return (float)(total / windows);
    }

    float Run(int[] inputs, int[] targets, int batch, int steps, bool backward)
    {
        int rows = batch * steps;
        // 1) forward: (T·B) ids → (T·B, D) → (T·B, H) → (T·B, V)
        float[] x = Embedding.Forward(inputs, rows);
        float[] h = Recurrent.Forward(x, batch, steps);
        float[] logits = Output.Forward(h, rows);
        // 2) loss over every position
        float loss = _loss.Forward(logits, targets, rows, computeGradient: backward);
        if (!backward) return loss;
        // 3) backward, the same way in reverse
        float[] dH = Output.Backward(_loss.LogitsGradient, rows, computeInputGradient: true)!;
        float[] dX = Recurrent.Backward(dH, batch, steps, computeInputGradient: true)!;
        Embedding.Backward(dX, rows);
        return loss;
    }

    /// <summary>
    /// Continues <paramref name="prompt"/> by <paramref name="count"/> tokens, each drawn from softmax(z / temperature)
    /// given everything before it (the state runs through the prompt first). Plain loops: one sequence, one step at a time.
    /// </summary>
    /// <param name="prompt">Token ids to start from, at least one.</param>
    /// <param name="count">Tokens to add.</param>
    /// <param name="temperature">Above 0; below 1 sharpens the distribution, 1 samples it as the model has it.</param>
    /// <param name="seed">Seeds the draws.</param>
    /// <exception cref="ArgumentException">An empty prompt, or a temperature not above 0.</exception>
    public int[] Generate(int[] prompt, int count, float temperature = 0.8f, int seed = 0)
    {
        if (prompt.Length == 0) throw new ArgumentException("The prompt needs at least one token.", nameof(prompt));
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be above 0.");
        int d = Embedding.Dimensions, n = Recurrent.HiddenWidth, v = Vocabulary;
        float[] w = Recurrent.InputWeight.Data, u = Recurrent.RecurrentWeight.Data, b = Recurrent.Bias.Data;
        float[] table = Embedding.Table.Data, outW = Output.Weight.Data, outB = Output.Bias.Data;
        var (h, next) = (new float[n], new float[n]);
        var logits = new double[v];
        var random = new SeededRandom(seed);
        var produced = new List<int>(prompt);
        int token = prompt[0];
        for (int position = 0; position < prompt.Length - 1 + count; position++)
        {
            token = produced[position];
            for (int i = 0; i < n; i++)   // h = tanh(W·x + U·h + b)
            {
                double z = b[i];
                for (int j = 0; j < d; j++) z += w[i * d + j] * table[token * d + j];
                for (int j = 0; j < n; j++) z += u[i * n + j] * h[j];
                next[i] = (float)Math.Tanh(z);
            }
            (h, next) = (next, h);
            if (position < prompt.Length - 1) continue;   // still reading the prompt
            double max = double.NegativeInfinity;
            for (int k = 0; k < v; k++)   // z = V·h + c, divided by the temperature
            {
                double z = outB[k];
                for (int j = 0; j < n; j++) z += outW[k * n + j] * h[j];
                logits[k] = z / temperature;
                max = Math.Max(max, logits[k]);
            }
            double sum = 0;
            for (int k = 0; k < v; k++) sum += logits[k] = Math.Exp(logits[k] - max);
            double draw = (random.NextUInt64() >> 11) * (1.0 / (1UL << 53)) * sum;
            int chosen = 0;
            for (double cumulative = logits[0]; cumulative < draw && chosen < v - 1; cumulative += logits[++chosen]) { }
            produced.Add(chosen);
        }
        return produced.Skip(prompt.Length).ToArray();
    }

    public override string ToString() => $"RnnLanguageModel({Embedding}, {Recurrent}, {Output})";
}
