using Course.NeuralNetwork;

namespace Course.Sequences;

/// <summary>
/// The language model's loss: the mean over all N = T·B positions of the cross-entropy of softmax(z) against the
/// next token, L = (1/N)·Σ_rows [log Σ_j e^{z_j} − z_next], with gradient dz_j = (softmax(z)_j − [j = next]) / N.
/// The same formula as <see cref="Course.NeuralNetwork.CrossEntropyLoss"/> (the readable reference, a test holds the
/// two equal), computed in float with the vector exponential of <see cref="SequenceKernels"/>, since a softmax over a
/// few thousand classes at every position would otherwise cost more than all the matrix products.
/// </summary>
public sealed class SoftmaxCrossEntropy
{
    float[] _logitsGradient = [];
    float[] _row = [];   // e^{z − max} of one row when only the loss is wanted

    /// <param name="classes">The number of classes (logits per row), at least 2.</param>
    /// <exception cref="ArgumentOutOfRangeException">classes is below 2.</exception>
    public SoftmaxCrossEntropy(int classes)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "Cross-entropy needs at least 2 classes.");
        Classes = classes;
    }

    public int Classes { get; }

    /// <summary>∂L/∂z from the last <see cref="Forward"/>: (rows, classes), a reused buffer.</summary>
    public float[] LogitsGradient => _logitsGradient;

    /// <summary>Returns the mean loss over <paramref name="rows"/> rows; writes <see cref="LogitsGradient"/> when asked (and leaves it alone otherwise).</summary>
    /// <param name="logits">z: (rows, classes), row-major.</param>
    /// <param name="targets">The class of each row, in [0, classes).</param>
    /// <param name="rows">The number of rows, at least 1.</param>
    /// <param name="computeGradient">False to only measure (validation), true to also write the gradient.</param>
    /// <exception cref="ArgumentException">A target outside [0, classes), or arrays shorter than the rows.</exception>
    public float Forward(float[] logits, int[] targets, int rows, bool computeGradient = true)
    {
        int classes = Classes;
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "The loss needs at least 1 row.");
        if (logits.Length < (long)rows * classes || targets.Length < rows)
            throw new ArgumentException($"{rows} rows need {(long)rows * classes} logits and {rows} targets; got {logits.Length} and {targets.Length}.");
        if (computeGradient) LayerBuffers.EnsureCapacity(ref _logitsGradient, rows * classes);
        else LayerBuffers.EnsureCapacity(ref _row, classes);
        double total = 0;
        float inverseRows = 1f / rows;
        for (int row = 0; row < rows; row++)
        {
            int target = targets[row];
            if ((uint)target >= (uint)classes)
                throw new ArgumentException($"Target {target} in row {row} is outside [0, {classes}).", nameof(targets));
            var z = logits.AsSpan(row * classes, classes);
            var dz = computeGradient ? _logitsGradient.AsSpan(row * classes, classes) : _row.AsSpan(0, classes);

            // 1) log-sum-exp shifted by the largest logit; dz holds e^{z − max} for now
            float max = SequenceKernels.Max(z);
            double sum = SequenceKernels.ExpShifted(z, max, dz);

            // 2) this row's loss, −log softmax(z)_target
            total += max + Math.Log(sum) - z[target];

            // 3) gradient of the mean: (softmax − one-hot) / N
            if (!computeGradient) continue;
            SequenceKernels.Scale(dz, (float)(1 / sum) * inverseRows);
            dz[target] -= inverseRows;
        }
        return (float)(total / rows);
    }
}
