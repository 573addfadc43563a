namespace Course.NeuralNetwork;

/// <summary>
/// One stage of a network working on a batch of rows. Forward keeps what Backward needs;
/// Backward receives ∂L/∂Y and writes ∂L/∂θ into each parameter's Grad.
/// Buffers are owned by the layer and reused from one call to the next, so the arrays returned
/// are overwritten by the next call, and may be longer than batch·width (only that prefix is valid).
/// </summary>
public interface ILayer
{
    /// <summary>The number of values per row the layer expects.</summary>
    int InputWidth { get; }

    /// <summary>The number of values per row the layer produces.</summary>
    int OutputWidth { get; }

    /// <summary>The trainable parameters, in PyTorch's order (weight before bias).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Y = f(X) for <paramref name="batch"/> rows; X must stay unchanged until Backward.</summary>
    float[] Forward(float[] input, int batch);

    /// <summary>
    /// Given dY = ∂L/∂Y (batch × OutputWidth), writes (overwrites) the parameter gradients and, when
    /// <paramref name="computeInputGradient"/> is true, returns dX = ∂L/∂X (batch × InputWidth); else null.
    /// </summary>
    float[]? Backward(float[] outputGradient, int batch, bool computeInputGradient);
}
