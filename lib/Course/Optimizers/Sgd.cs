using Course.Kernels;
using System.Globalization;
using Course.NeuralNetwork;

namespace Course.Optimizers;

/// <summary>
/// Stochastic gradient descent as PyTorch's <c>torch.optim.SGD</c> defines it. Each step, per value:
/// g = ∇L + λ·θ (weight decay λ); with momentum μ &gt; 0, b = μ·b + (1 − τ)·g (on the first step b = g),
/// then g = g + μ·b for Nesterov or g = b otherwise; finally θ = θ − η·g.
/// <c>new Sgd(ps, learningRate: 0.01f, momentum: 0.9f)</c> is <c>torch.optim.SGD(ps, lr=0.01, momentum=0.9)</c>;
/// momentum 0 is plain SGD, θ = θ − η·∇L.
/// <para>Mapping to the seed's <see cref="Momentum"/> (τ = 0, λ = 0): v_seed = η·b, since
/// v = γ·v + η·g ⇔ η·b = γ·η·b + η·g. Keras's v = μ·v − η·g; θ += v has v_keras = −η·b.
/// The Nesterov variant is the seed's look-ahead form (<see cref="Nesterov"/>) stored at the look-ahead point
/// θ − γ·v.</para>
/// </summary>
public sealed class Sgd : IOptimizer
{
    readonly Parameter[] _parameters;
    readonly float[][] _buffers;
    bool _started;

    /// <param name="parameters">What to update.</param>
    /// <param name="learningRate">η &gt; 0 (PyTorch's lr); default 0.01.</param>
    /// <param name="momentum">μ in [0, 1); default 0, plain SGD.</param>
    /// <param name="dampening">τ in [0, 1]: the share of the new gradient left out of the buffer; default 0.</param>
    /// <param name="weightDecay">λ ≥ 0, an L2 penalty λ/2·‖θ‖² added through the gradient; default 0.</param>
    /// <param name="nesterov">Use Nesterov momentum; needs μ &gt; 0 and τ = 0, as in PyTorch.</param>
    /// <exception cref="ArgumentException">No parameters, or Nesterov with μ = 0 or τ ≠ 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range.</exception>
    public Sgd(IEnumerable<Parameter> parameters, float learningRate = 0.01f, float momentum = 0f,
               float dampening = 0f, float weightDecay = 0f, bool nesterov = false)
    {
        _parameters = Guard.NonEmpty(parameters, nameof(parameters));
        LearningRate = Guard.LearningRate(learningRate, nameof(learningRate));
        Momentum = Guard.Gamma(momentum, nameof(momentum), "momentum");
        if (!(dampening >= 0 && dampening <= 1))
            throw new ArgumentOutOfRangeException(nameof(dampening), dampening, $"Dampening must be in [0, 1]; got {dampening}.");
        if (!(weightDecay >= 0) || float.IsInfinity(weightDecay))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, $"Weight decay must be a finite number ≥ 0; got {weightDecay}.");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException(
                $"Nesterov momentum needs momentum > 0 and dampening = 0; got momentum {momentum} and dampening {dampening}.", nameof(nesterov));
        Dampening = dampening;
        WeightDecay = weightDecay;
        IsNesterov = nesterov;
        MomentumBuffers = _buffers = _parameters.Select(p => new float[p.Length]).ToArray();
    }

    /// <summary>The parameters it updates, in the network's order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>η (PyTorch's lr).</summary>
    public float LearningRate { get; }

    /// <summary>μ (PyTorch's momentum).</summary>
    public float Momentum { get; }

    /// <summary>τ (PyTorch's dampening).</summary>
    public float Dampening { get; }

    /// <summary>λ (PyTorch's weight_decay).</summary>
    public float WeightDecay { get; }

    /// <summary>PyTorch's nesterov flag.</summary>
    public bool IsNesterov { get; }

    /// <summary>b, PyTorch's momentum_buffer, one array per parameter (zero and unused when μ = 0).</summary>
    public IReadOnlyList<float[]> MomentumBuffers { get; }

    /// <summary>One step of torch.optim.SGD for every parameter (see the class summary for the formula).</summary>
    public void Step()
    {
        float eta = LearningRate, mu = Momentum, tau = Dampening, lambda = WeightDecay;
        bool first = !_started, nesterov = IsNesterov;
        _started = true;
        for (int p = 0; p < _parameters.Length; p++)
            ElementwiseKernels.SgdStep(_parameters[p].Data, _parameters[p].Grad, _buffers[p], eta, mu, tau, lambda, first, nesterov,
                                       KernelPaths.Best);
    }

    /// <summary>The step for one parameter, as PyTorch's <c>_single_tensor_sgd</c>: the formula. <see cref="Step"/> runs
    /// <see cref="ElementwiseKernels.SgdStep"/>, the same operations several lanes at a time (172 µs per step for the
    /// MLP with this loop, about 30 with the kernel); a test holds the two bitwise equal.</summary>
    internal static void Update(Span<float> theta, ReadOnlySpan<float> grad, Span<float> b,
                       float eta, float mu, float tau, float lambda, bool first, bool nesterov)
    {
        for (int i = 0; i < theta.Length; i++)
        {
            float g = grad[i] + lambda * theta[i];
            if (mu != 0)
            {
                float buffer = first ? g : mu * b[i] + (1 - tau) * g;
                b[i] = buffer;
                g = nesterov ? g + mu * buffer : buffer;
            }
            theta[i] -= eta * g;
        }
    }

    /// <summary>The constructor call that makes this optimizer, every hyperparameter named, like PyTorch's repr of
    /// <c>SGD</c>: e.g. <c>Sgd(learningRate: 0.01, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"Sgd(learningRate: {LearningRate}, momentum: {Momentum}, dampening: {Dampening}, weightDecay: {WeightDecay}, nesterov: {(IsNesterov ? "true" : "false")})");
}
