namespace Course.NeuralNetwork;

/// <summary>
/// A trainable tensor: its values <see cref="Data"/> and the gradient of the loss with respect to
/// them, <see cref="Grad"/> (∂L/∂θ), both flat and row-major with the given <see cref="Shape"/>.
/// The PyTorch counterpart is an <c>nn.Parameter</c> with <c>.data</c> and <c>.grad</c>.
/// </summary>
public sealed class Parameter
{
    /// <param name="name">A readable name such as "W1" or "b2", used in messages and plots.</param>
    /// <param name="shape">The dimensions, e.g. (outputs, inputs) for a weight matrix; each at least 1.</param>
    /// <exception cref="ArgumentException">The shape is empty or has a dimension below 1.</exception>
    public Parameter(string name, params int[] shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (shape.Length == 0)
            throw new ArgumentException($"Parameter '{name}' needs at least one dimension.", nameof(shape));
        if (shape.Any(d => d < 1))
            throw new ArgumentException(
                $"Parameter '{name}' has shape ({string.Join(", ", shape)}); every dimension must be at least 1.", nameof(shape));
        Name = name;
        Shape = (int[])shape.Clone();
        long length = shape.Aggregate(1L, (product, d) => product * d);
        if (length > Array.MaxLength)
            throw new ArgumentException($"Parameter '{name}' would hold {length} values, more than an array can.", nameof(shape));
        Data = new float[length];
        Grad = new float[length];
    }

    /// <summary>The name given at construction ("W1", "b1", ...).</summary>
    public string Name { get; }

    /// <summary>The dimensions; the product of them is <see cref="Length"/>.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The values θ, row-major.</summary>
    public float[] Data { get; }

    /// <summary>The gradient ∂L/∂θ, same layout as <see cref="Data"/>; written by the layer's backward pass.</summary>
    public float[] Grad { get; }

    /// <summary>The number of values, the product of the dimensions.</summary>
    public int Length => Data.Length;

    /// <summary>Sets every gradient entry to 0.</summary>
    public void ZeroGrad() => Array.Clear(Grad);

    public override string ToString() => $"{Name} ({string.Join("×", Shape)})";
}
