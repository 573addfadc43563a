using Course.Kernels;

namespace Course.NeuralNetwork;

/// <summary>The rectifier, Y = max(X, 0) element-wise; backward: dX = dY where X &gt; 0, else 0.</summary>
public sealed class ReLU : ILayer
{
    float[] _output = [];        // (batch, width); Y > 0 exactly where X > 0, so Y serves as the mask
    float[] _inputGradient = []; // (batch, width)

    /// <param name="width">Values per row, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">width is below 1.</exception>
    public ReLU(int width)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "ReLU needs a width of at least 1.");
        InputWidth = OutputWidth = width;
    }

    public int InputWidth { get; }
    public int OutputWidth { get; }
    public IReadOnlyList<Parameter> Parameters => [];

    /// <summary>Y = max(X, 0). X, Y: (batch, width).</summary>
    public float[] Forward(float[] input, int batch)
    {
        int n = batch * InputWidth;
        LayerBuffers.EnsureCapacity(ref _output, n);
        ElementwiseKernels.Relu(input.AsSpan(0, n), _output.AsSpan(0, n));                   // Y[i] = X[i] > 0 ? X[i] : 0
        return _output;
    }

    /// <summary>dX = dY·[X &gt; 0]. dY, dX: (batch, width).</summary>
    public float[]? Backward(float[] outputGradient, int batch, bool computeInputGradient)
    {
        if (!computeInputGradient) return null;
        int n = batch * InputWidth;
        LayerBuffers.EnsureCapacity(ref _inputGradient, n);
        ElementwiseKernels.ReluBackward(_output.AsSpan(0, n), outputGradient.AsSpan(0, n),
            _inputGradient.AsSpan(0, n));                                                      // dX[i] = Y[i] > 0 ? dY[i] : 0
        return _inputGradient;
    }

    public override string ToString() => $"ReLU({InputWidth})";
}
