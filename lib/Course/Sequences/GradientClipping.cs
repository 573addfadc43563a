using Course.NeuralNetwork;

namespace Course.Sequences;

/// <summary>
/// Gradient-norm clipping, PyTorch's <c>torch.nn.utils.clip_grad_norm_</c>: with ‖g‖ the Euclidean norm of all
/// gradients together, every gradient is scaled by maxNorm / ‖g‖ when ‖g‖ &gt; maxNorm, so a step through an
/// exploding recurrence keeps its direction but not its size.
/// </summary>
public static class GradientClipping
{
    /// <summary>Returns ‖g‖ before clipping, and scales every Grad by maxNorm / ‖g‖ if ‖g‖ is larger.</summary>
    /// <param name="parameters">The parameters whose gradients are clipped together.</param>
    /// <param name="maxNorm">The largest norm left alone, above 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">maxNorm is not above 0.</exception>
    public static float ClipByGlobalNorm(IReadOnlyList<Parameter> parameters, float maxNorm)
    {
        if (!(maxNorm > 0) || float.IsInfinity(maxNorm))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The clipping norm must be a finite number above 0.");
        float norm = GlobalNorm(parameters);
        if (norm > maxNorm)
        {
            float scale = maxNorm / norm;
            foreach (var p in parameters) SequenceKernels.Scale(p.Grad, scale);
        }
        return norm;
    }

    /// <summary>‖g‖ = √(Σ over every parameter and entry of g²).</summary>
    public static float GlobalNorm(IReadOnlyList<Parameter> parameters)
    {
        double sum = 0;
        foreach (var p in parameters)
            foreach (float g in p.Grad) sum += (double)g * g;
        return (float)Math.Sqrt(sum);
    }
}
