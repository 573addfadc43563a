using Course.NeuralNetwork;

namespace Course.Learning.Tests.Optimizers;

/// <summary>L(θ) = Σ_i λ_i·θ_i²/2, whose gradient is λ_i·θ_i: the funnel of the course when the λ differ a lot.</summary>
internal sealed class Quadratic(params float[] curvatures)
{
    public float[] Curvatures { get; } = curvatures;

    public Parameter Start(params float[] theta)
    {
        var p = new Parameter("theta", theta.Length);
        theta.CopyTo(p.Data, 0);
        return p;
    }

    /// <summary>Writes ∇L at the parameter's current values.</summary>
    public void Gradient(Parameter p)
    {
        for (int i = 0; i < p.Length; i++) p.Grad[i] = Curvatures[i] * p.Data[i];
    }
}
