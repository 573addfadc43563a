using Course.Kernels;
using System.Globalization;
using Course.NeuralNetwork;

namespace Course.Optimizers;

/// <summary>
/// Nesterov accelerated gradient in the seed's look-ahead form: the gradient is taken where momentum is
/// about to carry the parameters, v = γ·v + η·∇L(θ − γ·v); θ = θ − v.
/// <para>How the gradient gets evaluated there: <see cref="BeforeForward"/> remembers θ and moves the
/// parameters to the look-ahead point θ − γ·v, so the trainer's forward and backward passes produce
/// ∇L(θ − γ·v) in Grad; <see cref="Step"/> then updates v and writes θ − v back from the remembered θ
/// (no rounding drift from moving there and back). Between steps the parameters hold θ itself, except inside
/// <c>Trainer.Train</c>, which calls <see cref="StepThenBeforeForward"/> between two steps: the update and the next move in
/// one pass, so there they sit at the next look-ahead point (and at θ when it returns).</para>
/// <para>PyTorch's <c>SGD(momentum=γ, nesterov=True)</c> is the same method after the change of variables
/// φ = θ − γ·v, b = v/η: it stores the look-ahead point φ as the parameter and steps
/// b = γ·b + ∇L(φ); φ = φ − η·(∇L(φ) + γ·b). Keras's nesterov=True uses that same stored-at-look-ahead form.</para>
/// </summary>
public sealed class Nesterov : IOptimizer
{
    readonly Parameter[] _parameters;
    readonly float[][] _theta;
    readonly float[][] _velocities;   // θ while the parameters sit at the look-ahead point
    bool _lookingAhead;

    /// <param name="parameters">What to update.</param>
    /// <param name="learningRate">η &gt; 0; default 0.01.</param>
    /// <param name="gamma">γ in (0, 1); default 0.9. (γ = 0 would be plain SGD, not Nesterov.)</param>
    /// <exception cref="ArgumentException">No parameters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">η ≤ 0 or not finite, or γ outside (0, 1).</exception>
    public Nesterov(IEnumerable<Parameter> parameters, float learningRate = 0.01f, float gamma = 0.9f)
    {
        _parameters = Guard.NonEmpty(parameters, nameof(parameters));
        LearningRate = Guard.LearningRate(learningRate, nameof(learningRate));
        Gamma = Guard.Gamma(gamma, nameof(gamma));
        if (gamma == 0)
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Nesterov momentum needs gamma > 0; got 0 (use Sgd for plain descent).");
        Velocities = _velocities = Momentum.ZeroVelocities(_parameters);
        _theta = Momentum.ZeroVelocities(_parameters);
    }

    /// <summary>The parameters it updates, in the network's order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>η, the step size.</summary>
    public float LearningRate { get; }

    /// <summary>γ, the fraction of the previous velocity kept each step.</summary>
    public float Gamma { get; }

    /// <summary>v, one array per parameter.</summary>
    public IReadOnlyList<float[]> Velocities { get; }

    /// <summary>Remembers θ and moves the parameters to the look-ahead point θ − γ·v.</summary>
    /// <exception cref="InvalidOperationException">Called twice without a Step in between.</exception>
    public void BeforeForward()
    {
        if (_lookingAhead) throw new InvalidOperationException("BeforeForward was called twice without a Step in between.");
        for (int p = 0; p < _parameters.Length; p++)
            ElementwiseKernels.LookAhead(_parameters[p].Data, _theta[p], _velocities[p], Gamma, KernelPaths.Best);
        _lookingAhead = true;
    }

    /// <summary>With g = ∇L(θ − γ·v) in Grad: v = γ·v + η·g; θ = θ − v.</summary>
    /// <exception cref="InvalidOperationException">BeforeForward was not called first, so Grad is not the look-ahead gradient.</exception>
    public void Step()
    {
        if (!_lookingAhead)
            throw new InvalidOperationException("Nesterov.Step needs the gradient at the look-ahead point: call BeforeForward before the forward pass.");
        for (int p = 0; p < _parameters.Length; p++)
            ElementwiseKernels.NesterovStep(_parameters[p].Data, _velocities[p], _theta[p], _parameters[p].Grad, LearningRate, Gamma,
                                            KernelPaths.Best);
        _lookingAhead = false;
    }

    /// <summary><see cref="Step"/>, then <see cref="BeforeForward"/> for the next step, in one pass over the arrays
    /// (<see cref="UpdateAndLookAhead"/>): v = γ·v + η·g; θ = θ − v; parameters = θ − γ·v. Bitwise the same as the two
    /// calls; the trainer calls it between two steps (about a third less memory traffic than the two passes).</summary>
    /// <exception cref="InvalidOperationException">BeforeForward was not called first, so Grad is not the look-ahead gradient.</exception>
    public void StepThenBeforeForward()
    {
        if (!_lookingAhead)
            throw new InvalidOperationException("Nesterov.StepThenBeforeForward needs the gradient at the look-ahead point: call BeforeForward before the forward pass.");
        for (int p = 0; p < _parameters.Length; p++)
            ElementwiseKernels.NesterovStepAndLookAhead(_parameters[p].Data, _velocities[p], _theta[p], _parameters[p].Grad, LearningRate, Gamma,
                                                        KernelPaths.Best);
    }

    // The formula, one parameter at a time. BeforeForward and Step run ElementwiseKernels.LookAhead and NesterovStep,
    // the same operations several lanes at a time (175 µs per step for the MLP with these loops, about 50 with the
    // kernels); a test holds them bitwise equal.

    /// <summary>θ = parameter; parameter = θ − γ·v.</summary>
    internal static void LookAhead(Span<float> parameter, Span<float> theta, ReadOnlySpan<float> v, float gamma)
    {
        for (int i = 0; i < parameter.Length; i++)
        {
            theta[i] = parameter[i];
            parameter[i] = theta[i] - gamma * v[i];
        }
    }

    /// <summary>v = γ·v + η·g; parameter = θ − v.</summary>
    internal static void Update(Span<float> parameter, Span<float> v, ReadOnlySpan<float> theta, ReadOnlySpan<float> g, float eta, float gamma)
    {
        for (int i = 0; i < parameter.Length; i++)
        {
            float velocity = gamma * v[i] + eta * g[i];
            v[i] = velocity;
            parameter[i] = theta[i] - velocity;
        }
    }

    /// <summary>Update, then LookAhead, as one loop: v = γ·v + η·g; θ = θ − v; parameter = θ − γ·v.</summary>
    internal static void UpdateAndLookAhead(Span<float> parameter, Span<float> v, Span<float> theta, ReadOnlySpan<float> g, float eta, float gamma)
    {
        for (int i = 0; i < parameter.Length; i++)
        {
            float velocity = gamma * v[i] + eta * g[i];
            v[i] = velocity;
            theta[i] = theta[i] - velocity;
            parameter[i] = theta[i] - gamma * velocity;
        }
    }

    /// <summary>The constructor call that makes this optimizer, e.g. <c>Nesterov(learningRate: 0.01, gamma: 0.9)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Nesterov(learningRate: {LearningRate}, gamma: {Gamma})");
}
