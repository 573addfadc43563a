using Course.Kernels;
using Course.NeuralNetwork;

namespace Course.Sequences;

/// <summary>
/// An Elman recurrent layer, PyTorch's <c>nn.RNN(nonlinearity='tanh')</c> with one bias:
/// h_t = tanh(W·x_t + U·h_{t−1} + b), from h_{−1} = 0, over a window of T steps for a batch of B sequences.
/// W is (hidden, inputs), U is (hidden, hidden); initialised like PyTorch, uniform in [−1/√hidden, 1/√hidden).
/// <para>Backpropagation through time: going back from the last step, the gradient reaching h_t is the loss's
/// own dH_t plus what flows back from step t + 1, dh_t = dH_t + Uᵀ·dz_{t+1}; through tanh,
/// dz_t = dh_t ⊙ (1 − h_t²). Then dW = Σ_t dz_tᵀ·x_t, dU = Σ_t dz_tᵀ·h_{t−1}, db = Σ_t dz_t, dX_t = dz_t·W.</para>
/// <para>Layout: rows are time-major, row t·B + s is sequence s at step t, so each step's B rows are contiguous
/// and every sum over t above is one matrix product over all T·B rows. <see cref="ElmanRnnReference"/> has the
/// same passes as plain loops, one sequence and one step at a time; a test holds the two equal.</para>
/// </summary>
public sealed class ElmanRnn
{
    float[] _input = [];          // (T·B, inputs): the caller's X, kept for dW
    float[] _states = [];         // (T·B, hidden): h_0 … h_{T−1}, the layer's output
    float[] _recurrent = [];      // (B, hidden): U·h_{t−1} of one step
    float[] _preActivationGradient = []; // (T·B, hidden): dz
    float[] _carried = [];        // (B, hidden): Uᵀ·dz_{t+1}, the gradient flowing back into h_t
    float[] _inputGradient = [];  // (T·B, inputs)

    /// <param name="inputs">Values per input vector x_t, at least 1.</param>
    /// <param name="hidden">Size of the state h_t, at least 1.</param>
    /// <param name="random">The generator shared by the model's layers: draws W row by row, then U, then b.</param>
    /// <exception cref="ArgumentOutOfRangeException">inputs or hidden is below 1.</exception>
    public ElmanRnn(int inputs, int hidden, SeededRandom random)
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "A recurrent layer needs at least 1 input.");
        if (hidden < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "A recurrent layer needs at least 1 hidden unit.");
        ArgumentNullException.ThrowIfNull(random);
        InputWidth = inputs;
        HiddenWidth = hidden;
        InputWeight = new Parameter("W", hidden, inputs);
        RecurrentWeight = new Parameter("U", hidden, hidden);
        Bias = new Parameter("b", hidden);
        Parameters = [InputWeight, RecurrentWeight, Bias];
        float bound = 1f / MathF.Sqrt(hidden);
        foreach (var p in Parameters)
            for (int i = 0; i < p.Length; i++) p.Data[i] = random.Uniform(-bound, bound);
    }

    public int InputWidth { get; }
    public int HiddenWidth { get; }

    /// <summary>W, shape (hidden, inputs): x_t's weight.</summary>
    public Parameter InputWeight { get; }

    /// <summary>U, shape (hidden, hidden): h_{t−1}'s weight, the recurrence.</summary>
    public Parameter RecurrentWeight { get; }

    /// <summary>b, shape (hidden).</summary>
    public Parameter Bias { get; }

    /// <summary>W, U, b.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// h_t = tanh(W·x_t + U·h_{t−1} + b) for t = 0..T−1 from h_{−1} = 0.
    /// X: (T·B, inputs) time-major → H: (T·B, hidden), a reused buffer. X must stay unchanged until Backward.
    /// </summary>
    public float[] Forward(float[] input, int batch, int steps)
    {
        int rows = batch * steps, n = HiddenWidth, stepSize = batch * n;
        _input = input;
        LayerBuffers.EnsureCapacity(ref _states, rows * n);
        LayerBuffers.EnsureCapacity(ref _recurrent, stepSize);
        var states = _states.AsSpan(0, rows * n);

        // 1) the input part of every step at once: Z = X·Wᵀ + b, (T·B, hidden)
        MatrixKernels.MultiplyTransposedB(input.AsSpan(0, rows * InputWidth), InputWeight.Data, states, rows, InputWidth, n);
        ElementwiseKernels.AddToEveryRow(states, Bias.Data, rows, n);

        // 2) step by step: z_t += h_{t−1}·Uᵀ (nothing at t = 0, where h_{−1} = 0), then h_t = tanh(z_t)
        for (int t = 0; t < steps; t++)
        {
            var z = states.Slice(t * stepSize, stepSize);
            if (t > 0)
            {
                MatrixKernels.MultiplyTransposedB(states.Slice((t - 1) * stepSize, stepSize), RecurrentWeight.Data, _recurrent, batch, n, n);
                SequenceKernels.Add(z, _recurrent);
            }
            SequenceKernels.Tanh(z);
        }
        return _states;
    }

    /// <summary>
    /// BPTT over the window of the last Forward (see the class summary). dH: (T·B, hidden), the loss's gradient with
    /// respect to every state. Overwrites dW, dU, db; returns dX: (T·B, inputs) when asked, else null.
    /// </summary>
    public float[]? Backward(float[] outputGradient, int batch, int steps, bool computeInputGradient)
    {
        int rows = batch * steps, n = HiddenWidth, stepSize = batch * n;
        LayerBuffers.EnsureCapacity(ref _preActivationGradient, rows * n);
        LayerBuffers.EnsureCapacity(ref _carried, stepSize);
        var dZ = _preActivationGradient.AsSpan(0, rows * n);
        var states = _states.AsSpan(0, rows * n);
        var carried = _carried.AsSpan(0, stepSize);
        carried.Clear();

        // 1) back through time: dz_t = (dH_t + carried) ⊙ (1 − h_t²); carried = dz_t·U for step t − 1
        for (int t = steps - 1; t >= 0; t--)
        {
            var dz = dZ.Slice(t * stepSize, stepSize);
            SequenceKernels.TanhBackward(states.Slice(t * stepSize, stepSize), outputGradient.AsSpan(t * stepSize, stepSize), carried, dz);
            if (t > 0) MatrixKernels.Multiply(dz, RecurrentWeight.Data, carried, batch, n, n);
        }

        // 2) the sums over all steps, each one product: dW = dZᵀ·X, dU = dZ_{1..}ᵀ·H_{..T−2}, db = Σ_rows dZ
        MatrixKernels.MultiplyTransposedA(dZ, _input.AsSpan(0, rows * InputWidth), InputWeight.Grad, n, rows, InputWidth);
        if (steps > 1)
            MatrixKernels.MultiplyTransposedA(dZ.Slice(stepSize), states.Slice(0, (steps - 1) * stepSize), RecurrentWeight.Grad, n, rows - batch, n);
        else
            Array.Clear(RecurrentWeight.Grad);
        ElementwiseKernels.ColumnSums(dZ, Bias.Grad, rows, n);

        if (!computeInputGradient) return null;
        LayerBuffers.EnsureCapacity(ref _inputGradient, rows * InputWidth);
        MatrixKernels.Multiply(dZ, InputWeight.Data, _inputGradient.AsSpan(0, rows * InputWidth), rows, n, InputWidth); // dX = dZ·W
        return _inputGradient;
    }

    public override string ToString() => $"ElmanRnn({InputWidth} → {HiddenWidth})";
}
