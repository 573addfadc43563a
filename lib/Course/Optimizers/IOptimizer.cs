namespace Course.Optimizers;

/// <summary>
/// What the trainer needs from an optimizer. Each training step runs
/// <c>BeforeForward(); forward; loss; backward; Step();</c> (between two steps the trainer makes the Step and the
/// next BeforeForward one call, <see cref="StepThenBeforeForward"/>). BeforeForward lets an optimizer choose
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

    /// <summary><see cref="Step"/>, then <see cref="BeforeForward"/> for the step that follows: what the trainer calls
    /// between two steps. An optimizer may do both in one pass (<see cref="Nesterov"/> does); the result must be the
    /// same as the two calls.</summary>
    void StepThenBeforeForward()
    {
        Step();
        BeforeForward();
    }
}
