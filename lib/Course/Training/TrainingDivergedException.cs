namespace Course.Training;

/// <summary>
/// Thrown when the loss turns NaN or infinite: the updates have blown up, usually because the learning rate
/// (or γ) is too large for the curvature. The parameters are left as they were before the bad step's update.
/// </summary>
public sealed class TrainingDivergedException(int step, int epoch, float loss, float learningRate)
    : Exception($"Training diverged: the loss became {loss} at step {step} (epoch {epoch}) with learning rate {learningRate}. " +
                "Try a smaller learning rate or momentum.")
{
    /// <summary>The global step index (from 0, across epochs) whose loss was not finite.</summary>
    public int Step { get; } = step;

    /// <summary>The epoch of that step, from 1.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>The loss value, NaN or ±∞.</summary>
    public float Loss { get; } = loss;

    /// <summary>The learning rate in use.</summary>
    public float LearningRate { get; } = learningRate;
}
