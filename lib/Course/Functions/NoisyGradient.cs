namespace Course.Functions;

/// <summary>
/// A function whose gradient is measured with noise, as a mini-batch measures a network's:
/// g̃(θ) = ∇f(θ) + σ·ξ with ξ = (ξ1, ξ2) independent standard normal draws, fresh at every call.
/// The value and the minimum are f's. The draws come from a seeded generator (Box–Muller on <see cref="Random"/>),
/// so a run is the same every time; make a new instance to restart the noise.
/// </summary>
public sealed class NoisyGradient : IFunction2D
{
    private readonly IFunction2D _f;
    private readonly Random _random;

    /// <param name="f">The exact function.</param>
    /// <param name="sigma">σ ≥ 0, the standard deviation of the noise added to each gradient coordinate.</param>
    /// <param name="seed">Seed of the noise.</param>
    public NoisyGradient(IFunction2D f, double sigma, int seed)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!(sigma >= 0) || !double.IsFinite(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "The noise level σ must be a finite number ≥ 0.");
        _f = f;
        Sigma = sigma;
        _random = new Random(seed);
    }

    /// <summary>σ, the noise's standard deviation per coordinate.</summary>
    public double Sigma { get; }

    /// <summary>f(θ), without noise.</summary>
    public double Value(Point2D theta) => _f.Value(theta);

    /// <summary>∇f(θ) + σ·ξ, a new draw of ξ at every call.</summary>
    public Point2D Gradient(Point2D theta) => _f.Gradient(theta) + Sigma * new Point2D(StandardNormal(), StandardNormal());

    /// <summary>f's minimum.</summary>
    public Point2D Minimum => _f.Minimum;

    // Box–Muller: √(−2 ln u1)·cos(2π u2) is standard normal for u1, u2 uniform on (0, 1].
    private double StandardNormal()
    {
        double u1 = 1 - _random.NextDouble(), u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
