namespace Course.Training;

/// <summary>
/// Thrown when the loss turns NaN or infinite: the updates have blown up, usually because the learning rate
/// (or γ) is too large for the curvature. The parameters are left as they were before the bad step's update.
/// </summary>
/// <param name="step">The global step index, from 0 across epochs.</param>
/// <param name="epoch">The epoch of that step, from 1.</param>
/// <param name="loss">The loss value, NaN or ±∞.</param>
/// <param name="optimizer">The optimizer's description, its <c>ToString()</c>, e.g. <c>Sgd(learningRate: 0.5, momentum: 0.9, ...)</c>.</param>
public sealed class TrainingDivergedException(int step, int epoch, float loss, string optimizer)
    : Exception($"Training diverged: the loss became {loss} at step {step} (epoch {epoch}) with {optimizer}. " +
                "Try a smaller learning rate or momentum.")
{
    /// <summary>The global step index (from 0, across epochs) whose loss was not finite.</summary>
    public int Step { get; } = step;

    /// <summary>The epoch of that step, from 1.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>The loss value, NaN or ±∞.</summary>
    public float Loss { get; } = loss;

    /// <summary>The optimizer in use, as its <c>ToString()</c> describes it (its name and hyperparameters).</summary>
    public string Optimizer { get; } = optimizer;
}
