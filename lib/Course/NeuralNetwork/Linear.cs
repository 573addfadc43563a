using Course.Kernels;

namespace Course.NeuralNetwork;

/// <summary>
/// A dense layer, Y = X·Wᵀ + b, with W stored (outputs, inputs) and b (outputs) as in PyTorch's
/// <c>nn.Linear</c>. Initialised like PyTorch: every weight and bias uniform in [−1/√inputs, 1/√inputs).
/// Backward: dW = dYᵀ·X, db = Σ_rows dY, dX = dY·W.
/// </summary>
public sealed class Linear : ILayer
{
    float[] _input = [];        // (batch, inputs): a reference to the caller's X, kept for dW
    float[] _output = [];       // (batch, outputs)
    float[] _inputGradient = []; // (batch, inputs)

    /// <summary>A layer initialised from its own generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="inputs">Values per input row (fan_in), at least 1.</param>
    /// <param name="outputs">Values per output row, at least 1.</param>
    /// <param name="seed">Seed of the initialisation; equal seeds give equal layers on every runtime.</param>
    /// <exception cref="ArgumentOutOfRangeException">inputs or outputs is below 1.</exception>
    public Linear(int inputs, int outputs, long seed) : this(inputs, outputs, new SeededRandom(seed)) { }

    /// <summary>A layer initialised by drawing from <paramref name="random"/>: first the weights row by row, then the biases.</summary>
    /// <param name="inputs">Values per input row (fan_in), at least 1.</param>
    /// <param name="outputs">Values per output row, at least 1.</param>
    /// <param name="random">The generator, shared by the layers of a network so one seed fixes them all.</param>
    /// <param name="name">Suffix of the parameter names: "1" gives W1 and b1.</param>
    /// <exception cref="ArgumentOutOfRangeException">inputs or outputs is below 1.</exception>
    public Linear(int inputs, int outputs, SeededRandom random, string name = "")
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "A linear layer needs at least 1 input.");
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "A linear layer needs at least 1 output.");
        ArgumentNullException.ThrowIfNull(random);
        InputWidth = inputs;
        OutputWidth = outputs;
        Weight = new Parameter("W" + name, outputs, inputs);
        Bias = new Parameter("b" + name, outputs);
        Parameters = [Weight, Bias];

        // PyTorch: kaiming_uniform_(a=√5) on W gives bound √(6/((1+5)·fan_in)) = 1/√fan_in; b uses the same bound.
        float bound = 1f / MathF.Sqrt(inputs);
        for (int i = 0; i < Weight.Length; i++) Weight.Data[i] = random.Uniform(-bound, bound);
        for (int j = 0; j < Bias.Length; j++) Bias.Data[j] = random.Uniform(-bound, bound);
    }

    public int InputWidth { get; }
    public int OutputWidth { get; }

    /// <summary>W, shape (outputs, inputs).</summary>
    public Parameter Weight { get; }

    /// <summary>b, shape (outputs).</summary>
    public Parameter Bias { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Y = X·Wᵀ + b. X: (batch, inputs) → Y: (batch, outputs).</summary>
    public float[] Forward(float[] input, int batch)
    {
        int inputs = InputWidth, outputs = OutputWidth;
        _input = input;
        LayerBuffers.EnsureCapacity(ref _output, batch * outputs);

        MatrixKernels.MultiplyTransposedB(input, Weight.Data, _output,
            batch, inputs, outputs);                                     // (batch, outputs) = (batch, inputs)·(inputs, outputs)
        ElementwiseKernels.AddToEveryRow(_output.AsSpan(0, batch * outputs), Bias.Data, batch, outputs); // Y[row, j] += b[j]
        return _output;
    }

    /// <summary>dW = dYᵀ·X, db[j] = Σ_row dY[row, j], and dX = dY·W when asked. dY: (batch, outputs).</summary>
    public float[]? Backward(float[] outputGradient, int batch, bool computeInputGradient)
    {
        int inputs = InputWidth, outputs = OutputWidth;
        var dY = outputGradient.AsSpan(0, batch * outputs);

        MatrixKernels.MultiplyTransposedA(outputGradient, _input, Weight.Grad,
            outputs, batch, inputs);                                     // (outputs, inputs) = (outputs, batch)·(batch, inputs)
        ElementwiseKernels.ColumnSums(dY, Bias.Grad, batch, outputs);   // db[j] = Σ_row dY[row, j]: (outputs)

        if (!computeInputGradient) return null;                         // the first layer's input is data: skip dX
        LayerBuffers.EnsureCapacity(ref _inputGradient, batch * inputs);
        MatrixKernels.Multiply(outputGradient, Weight.Data, _inputGradient,
            batch, outputs, inputs);                                     // (batch, inputs) = (batch, outputs)·(outputs, inputs)
        return _inputGradient;
    }

    public override string ToString() => $"Linear({InputWidth} → {OutputWidth})";
}
