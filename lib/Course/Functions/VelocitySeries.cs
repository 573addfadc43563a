namespace Course.Functions;

/// <summary>
/// The velocity of momentum under a constant gradient g, starting from rest (v_0 = 0):
/// iterating v_n = γ v_{n−1} + η g gives v_n = η g (1 + γ + … + γ^(n−1)) = η g (1 − γⁿ)/(1 − γ),
/// which grows towards the limit η g/(1 − γ) — ten times η g at γ = 0.9.
/// </summary>
public static class VelocitySeries
{
    /// <summary>v_1 … v_n by running the update v = γ v + η g n times from v = 0 (the partial sums).</summary>
    /// <param name="learningRate">η.</param>
    /// <param name="gradient">g, the constant gradient.</param>
    /// <param name="gamma">γ in [0, 1).</param>
    /// <param name="n">Number of updates, n ≥ 1.</param>
    public static double[] Iterate(double learningRate, double gradient, double gamma, int n)
    {
        Validate(gamma, n);
        var velocities = new double[n];
        double v = 0;
        for (int i = 0; i < n; i++)
        {
            v = gamma * v + learningRate * gradient;
            velocities[i] = v;
        }
        return velocities;
    }

    /// <summary>The closed form of the partial sum, v_n = η g (1 − γⁿ)/(1 − γ).</summary>
    public static double ClosedForm(double learningRate, double gradient, double gamma, int n)
    {
        Validate(gamma, n);
        return learningRate * gradient * (1 - Math.Pow(gamma, n)) / (1 - gamma);
    }

    /// <summary>The limit v_∞ = η g/(1 − γ) of the geometric series.</summary>
    public static double Limit(double learningRate, double gradient, double gamma)
    {
        Validate(gamma, 1);
        return learningRate * gradient / (1 - gamma);
    }

    /// <summary>How many times larger than η g the velocity becomes: 1/(1 − γ) (10 at γ = 0.9).</summary>
    public static double AmplificationFactor(double gamma) => Limit(1, 1, gamma);

    private static void Validate(double gamma, int n)
    {
        if (!(gamma >= 0 && gamma < 1))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "γ must be in [0, 1) for the series to converge.");
        if (n < 1)
            throw new ArgumentOutOfRangeException(nameof(n), n, "The number of updates n must be at least 1.");
    }
}
