namespace Course.Optimizers;

/// <summary>
/// What the trainer needs from an optimizer. Each training step runs
/// <c>BeforeForward(); forward; loss; backward; Step();</c>. BeforeForward lets an optimizer choose
/// where the gradient is taken (Nesterov's look-ahead point); the others leave the parameters alone.
/// An optimizer owns its hyperparameters (η, γ, ...); its <c>ToString()</c> names them, like PyTorch's repr,
/// and is what a <see cref="Training.TrainingDivergedException"/> reports.
/// </summary>
public interface IOptimizer
{
    /// <summary>Called before the forward pass; moves the parameters to where the gradient is to be evaluated.</summary>
    void BeforeForward() { }

    /// <summary>Updates the parameters from their gradients (and leaves them at the new θ).</summary>
    void Step();
}
