using Course.NeuralNetwork;

namespace Course.Optimizers;

/// <summary>
/// What the trainer needs from an optimizer. Each training step runs
/// <c>BeforeForward(); forward; loss; backward; Step();</c>. BeforeForward lets an optimizer choose
/// where the gradient is taken (Nesterov's look-ahead point); the others leave the parameters alone.
/// </summary>
public interface IOptimizer
{
    /// <summary>The parameters it updates, in the network's order.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>η, the step size.</summary>
    float LearningRate { get; }

    /// <summary>Called before the forward pass; moves the parameters to where the gradient is to be evaluated.</summary>
    void BeforeForward() { }

    /// <summary>Updates the parameters from their gradients (and leaves them at the new θ).</summary>
    void Step();
}
