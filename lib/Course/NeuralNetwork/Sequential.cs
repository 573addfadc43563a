namespace Course.NeuralNetwork;

/// <summary>
/// Layers applied in order, like PyTorch's <c>nn.Sequential</c>: forward runs them first to last,
/// backward last to first, and the first layer is not asked for dX because its input is data.
/// </summary>
public sealed class Sequential
{
    readonly ILayer[] _layers;

    /// <param name="layers">At least one layer; each layer's input width must equal the previous layer's output width.</param>
    /// <exception cref="ArgumentException">No layers, or two neighbours whose widths do not match.</exception>
    public Sequential(params ILayer[] layers)
    {
        if (layers.Length == 0) throw new ArgumentException("A Sequential network needs at least one layer.", nameof(layers));
        for (int i = 1; i < layers.Length; i++)
            if (layers[i].InputWidth != layers[i - 1].OutputWidth)
                throw new ArgumentException(
                    $"Layer {i} ({layers[i]}) expects {layers[i].InputWidth} inputs but layer {i - 1} ({layers[i - 1]}) " +
                    $"produces {layers[i - 1].OutputWidth}.", nameof(layers));
        _layers = (ILayer[])layers.Clone();
        Parameters = _layers.SelectMany(l => l.Parameters).ToArray();
    }

    public IReadOnlyList<ILayer> Layers => _layers;

    /// <summary>All parameters in PyTorch's <c>net.parameters()</c> order: layer by layer, weight then bias.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    public int InputWidth => _layers[0].InputWidth;
    public int OutputWidth => _layers[^1].OutputWidth;

    /// <summary>Y = f_n(…f_2(f_1(X))). X: (batch, InputWidth) → Y: (batch, OutputWidth), a reused buffer.</summary>
    /// <exception cref="ArgumentException">batch is below 1 or X holds fewer than batch·InputWidth values.</exception>
    public float[] Forward(float[] input, int batch)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "A batch needs at least 1 row.");
        if (input.Length < batch * InputWidth)
            throw new ArgumentException(
                $"The input holds {input.Length} values; a batch of {batch} rows of {InputWidth} needs {batch * InputWidth}.", nameof(input));
        float[] x = input;
        foreach (var layer in _layers) x = layer.Forward(x, batch);
        return x;
    }

    /// <summary>Back-propagates dY = ∂L/∂Y (batch, OutputWidth), writing every parameter's Grad (overwritten, not accumulated).</summary>
    public void Backward(float[] outputGradient, int batch)
    {
        float[] dY = outputGradient;
        for (int i = _layers.Length - 1; i >= 0; i--)
            dY = _layers[i].Backward(dY, batch, computeInputGradient: i > 0)!;
    }

    /// <summary>Sets every parameter's gradient to 0, like <c>net.zero_grad()</c>.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.ZeroGrad();
    }

    public override string ToString() => string.Join(" → ", _layers.Select(l => l.ToString()));
}
