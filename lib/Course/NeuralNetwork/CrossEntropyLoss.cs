namespace Course.NeuralNetwork;

/// <summary>
/// Mean cross-entropy of softmax(z) against integer labels, like PyTorch's <c>nn.CrossEntropyLoss()</c>:
/// L = (1/B)·Σ_rows [logΣ_j exp(z_j) − z_label], computed stably as m + log Σ_j exp(z_j − m) with m = max_j z_j.
/// Its gradient is dz_j = (softmax(z)_j − [j = label]) / B.
/// </summary>
public sealed class CrossEntropyLoss
{
    float[] _logitsGradient = [];
    readonly double[] _exponentials; // exp(z_j − m) of the row being computed: (classes)

    /// <param name="classes">The number of classes (logits per row), at least 2.</param>
    /// <exception cref="ArgumentOutOfRangeException">classes is below 2.</exception>
    public CrossEntropyLoss(int classes)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "Cross-entropy needs at least 2 classes.");
        Classes = classes;
        _exponentials = new double[classes];
    }

    public int Classes { get; }

    /// <summary>∂L/∂z from the last <see cref="Forward"/>: (batch, classes), a reused buffer.</summary>
    public float[] LogitsGradient => _logitsGradient;

    /// <summary>Returns the mean loss over <paramref name="batch"/> rows and writes <see cref="LogitsGradient"/>.</summary>
    /// <param name="logits">z: (batch, classes), row-major.</param>
    /// <param name="labels">The class of each row, in [0, classes).</param>
    /// <param name="batch">The number of valid rows, at least 1.</param>
    /// <exception cref="ArgumentException">A label outside [0, classes), or arrays shorter than the batch.</exception>
    public float Forward(float[] logits, int[] labels, int batch)
    {
        int classes = Classes;
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "A batch needs at least 1 row.");
        if (logits.Length < batch * classes || labels.Length < batch)
            throw new ArgumentException($"A batch of {batch} needs {batch * classes} logits and {batch} labels; " +
                                        $"got {logits.Length} and {labels.Length}.");
        LayerBuffers.EnsureCapacity(ref _logitsGradient, batch * classes);
        float[] dz = _logitsGradient;
        double[] e = _exponentials;
        double total = 0;
        for (int row = 0; row < batch; row++)
        {
            int label = labels[row];
            if ((uint)label >= (uint)classes)
                throw new ArgumentException($"Label {label} in row {row} is outside [0, {classes}).", nameof(labels));
            int offset = row * classes;

            // 1) log-sum-exp, shifted by the largest logit so that exp never overflows
            float max = logits[offset];
            for (int j = 1; j < classes; j++) max = MathF.Max(max, logits[offset + j]);
            double sum = 0;
            for (int j = 0; j < classes; j++) sum += e[j] = Math.Exp(logits[offset + j] - max);
            double logSumExp = max + Math.Log(sum);

            // 2) this row's loss, −log softmax(z)_label
            total += logSumExp - logits[offset + label];

            // 3) gradient of the mean: (softmax − one-hot) / batch, with softmax_j = exp(z_j − m) / Σ exp(z_i − m)
            for (int j = 0; j < classes; j++)
            {
                double softmax = e[j] / sum;
                dz[offset + j] = (float)((softmax - (j == label ? 1 : 0)) / batch);
            }
        }
        return (float)(total / batch);
    }
}
