using System.Globalization;
using Course.Kernels;
using Course.NeuralNetwork;

namespace Course.Optimizers;

/// <summary>
/// Momentum in the seed's form: v = γ·v + η·∇L(θ); θ = θ − v, with v starting at 0.
/// Under a constant gradient g, v_n = η·g·(1 − γⁿ)/(1 − γ) → η·g/(1 − γ): ten times a plain step at γ = 0.9.
/// <para>Other spellings of the same method: PyTorch's <c>SGD(momentum=γ)</c> keeps b = γ·b + g and steps
/// θ −= η·b, so v_seed = η·b_torch (equal while η is constant; see <see cref="Sgd"/>). Keras's
/// <c>SGD(momentum=γ)</c> keeps v = γ·v − η·g and steps θ += v, so v_keras = −v_seed.</para>
/// </summary>
public sealed class Momentum : IOptimizer
{
    readonly Parameter[] _parameters;

    /// <param name="parameters">What to update, e.g. <c>network.Parameters</c>.</param>
    /// <param name="learningRate">η &gt; 0; the seed uses 0.01.</param>
    /// <param name="gamma">γ in [0, 1); the seed uses 0.9. γ = 0 is plain gradient descent.</param>
    /// <exception cref="ArgumentException">No parameters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">η ≤ 0 or not finite, or γ outside [0, 1).</exception>
    public Momentum(IEnumerable<Parameter> parameters, float learningRate = 0.01f, float gamma = 0.9f)
    {
        _parameters = Guard.NonEmpty(parameters, nameof(parameters));
        LearningRate = Guard.LearningRate(learningRate, nameof(learningRate));
        Gamma = Guard.Gamma(gamma, nameof(gamma));
        Velocities = ZeroVelocities(_parameters);
    }

    /// <summary>The parameters it updates, in the network's order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>η, the step size.</summary>
    public float LearningRate { get; }

    /// <summary>γ, the fraction of the previous velocity kept each step.</summary>
    public float Gamma { get; }

    /// <summary>v, one array per parameter, same shape.</summary>
    public IReadOnlyList<float[]> Velocities { get; }

    /// <summary>v = γ·v + η·g; θ = θ − v, for every parameter: the seed's <c>sgd_momentum</c> (<see cref="SgdMomentum"/>)
    /// with the velocities kept inside.</summary>
    public void Step() => Step(KernelPaths.Best);

    /// <summary>The step, with the fast path on a chosen instruction set (tests force each one, Scalar being the plain loop alone).</summary>
    internal void Step(KernelPath path)
    {
        for (int p = 0; p < _parameters.Length; p++)
            Update(_parameters[p].Data, _parameters[p].Grad, Velocities[p], LearningRate, Gamma, path);
    }

    /// <summary>v = γ·v + η·g; θ = θ − v on one parameter's values.</summary>
    static void Update(Span<float> theta, ReadOnlySpan<float> g, Span<float> v, float eta, float gamma, KernelPath path)
    {
        // The fast path: the same two lines on 16 (or 8) values per instruction, bitwise equal (a test holds them so);
        // it returns where it stopped, and the loop below does the rest: all of it on the Scalar path.
        int i = ElementwiseKernels.MomentumStepLanes(theta, g, v, eta, gamma, path);
        for (; i < theta.Length; i++)
        {
            v[i] = gamma * v[i] + eta * g[i];
            theta[i] -= v[i];
        }
    }

    /// <summary>The constructor call that makes this optimizer, e.g. <c>Momentum(learningRate: 0.01, gamma: 0.9)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Momentum(learningRate: {LearningRate}, gamma: {Gamma})");

    /// <summary>
    /// The seed's hand-written <c>sgd_momentum(parameters, vs, lr, gamma)</c>: for each parameter and its velocity,
    /// v = γ·v + η·g; θ = θ − v. Notebook 03 writes this by hand and compares with it; it runs the same loop as <see cref="Step()"/>
    /// (with the velocities passed in), fast path included.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or a velocity's length differs from its parameter's.</exception>
    public static void SgdMomentum(IReadOnlyList<Parameter> parameters, IReadOnlyList<float[]> velocities, float learningRate, float gamma)
    {
        if (parameters.Count != velocities.Count)
            throw new ArgumentException($"Got {parameters.Count} parameters but {velocities.Count} velocities; they pair up one to one.",
                nameof(velocities));
        for (int p = 0; p < parameters.Count; p++)
        {
            if (velocities[p].Length != parameters[p].Length)
                throw new ArgumentException(
                    $"Velocity {p} has {velocities[p].Length} values but parameter {parameters[p]} has {parameters[p].Length}.",
                    nameof(velocities));
            Update(parameters[p].Data, parameters[p].Grad, velocities[p], learningRate, gamma, KernelPaths.Best);
        }
    }

    /// <summary>Zero velocities shaped like each parameter, like the seed's <c>torch.zeros_like(param.data)</c> list.</summary>
    public static float[][] ZeroVelocities(IEnumerable<Parameter> parameters) =>
        parameters.Select(p => new float[p.Length]).ToArray();
}
