namespace Course.Functions;

/// <summary>
/// The closed forms of notebook 08 for a quadratic whose Hessian has eigenvalues λ_min ≤ … ≤ λ_max and condition number
/// κ = λ_max/λ_min. Along a direction with curvature λ:
/// <list type="bullet">
/// <item>gradient descent multiplies the error by 1 − ηλ per step: stable for 0 &lt; ηλ &lt; 2; its best rate over all
/// directions, at η = 2/(λ_min + λ_max), is (κ − 1)/(κ + 1);</item>
/// <item>momentum (v = γv + η∇f, θ = θ − v) is stable for 0 &lt; ηλ &lt; 2 + 2γ; its best rate, at
/// η = (2/(√λ_min + √λ_max))² and γ = ((√κ − 1)/(√κ + 1))², is (√κ − 1)/(√κ + 1), reached when the two extreme
/// directions sit on the edges of the complex (ripple) region, where every eigenvalue has size √γ;</item>
/// <item>Nesterov's matrix has determinant γ(1 − ηλ), so in its ripple region its rate is √(γ(1 − ηλ)).</item>
/// </list>
/// <see cref="IterationMatrix"/> computes the same rates from the eigenvalues of the 2×2 matrices; tests hold the two equal.
/// </summary>
public static class MomentumTuning
{
    /// <summary>η* = 2/(λ_min + λ_max), the step that gives gradient descent its best rate (κ − 1)/(κ + 1).</summary>
    public static double GradientDescentBestLearningRate(double lambdaMin, double lambdaMax)
    {
        ValidateCurvatures(lambdaMin, lambdaMax);
        return 2 / (lambdaMin + lambdaMax);
    }

    /// <summary>(κ − 1)/(κ + 1): gradient descent's rate at its best step (0.905 for κ = 20).</summary>
    public static double GradientDescentBestRate(double kappa)
    {
        ValidateKappa(kappa);
        return (kappa - 1) / (kappa + 1);
    }

    /// <summary>η* = (2/(√λ_min + √λ_max))², momentum's best learning rate.</summary>
    public static double BestLearningRate(double lambdaMin, double lambdaMax)
    {
        ValidateCurvatures(lambdaMin, lambdaMax);
        return Math.Pow(2 / (Math.Sqrt(lambdaMin) + Math.Sqrt(lambdaMax)), 2);
    }

    /// <summary>γ* = ((√κ − 1)/(√κ + 1))², momentum's best momentum parameter (0.403 for κ = 20).</summary>
    public static double BestGamma(double kappa)
    {
        ValidateKappa(kappa);
        return Math.Pow(BestRate(kappa), 2);
    }

    /// <summary>(√κ − 1)/(√κ + 1) = √γ*: the factor by which momentum at (η*, γ*) shrinks the error per step
    /// (0.635 for κ = 20).</summary>
    public static double BestRate(double kappa)
    {
        ValidateKappa(kappa);
        double root = Math.Sqrt(kappa);
        return (root - 1) / (root + 1);
    }

    /// <summary>The largest stable learning rate of momentum on curvature λ_max: η &lt; (2 + 2γ)/λ_max
    /// (γ = 0 gives gradient descent's 2/λ_max). At the bound one eigenvalue is −1.</summary>
    public static double MomentumLearningRateLimit(double lambdaMax, double gamma)
    {
        ValidateCurvatures(lambdaMax, lambdaMax);
        ValidateGamma(gamma);
        return (2 + 2 * gamma) / lambdaMax;
    }

    /// <summary>The effective step of momentum on a steady slope, η/(1 − γ): the velocity's limit per unit gradient.</summary>
    public static double EffectiveLearningRate(double learningRate, double gamma)
    {
        ValidateGamma(gamma);
        return learningRate / (1 - gamma);
    }

    /// <summary>The weights momentum gives past gradients: v_t = Σ_τ η·γ^τ·∇f(θ_{t−1−τ}), so the gradient τ steps old
    /// counts η·γ^τ; τ = 0 … count − 1. They sum to η(1 − γ^count)/(1 − γ).</summary>
    public static double[] GradientWeights(double learningRate, double gamma, int count)
    {
        ValidateGamma(gamma);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The number of weights must be 0 or more.");
        var weights = new double[count];
        for (int tau = 0; tau < count; tau++) weights[tau] = learningRate * Math.Pow(gamma, tau);
        return weights;
    }

    private static void ValidateKappa(double kappa)
    {
        if (!(kappa >= 1) || !double.IsFinite(kappa))
            throw new ArgumentOutOfRangeException(nameof(kappa), kappa, "The condition number κ = λ_max/λ_min must be a finite number ≥ 1.");
    }

    private static void ValidateCurvatures(double lambdaMin, double lambdaMax)
    {
        if (!(lambdaMin > 0) || !double.IsFinite(lambdaMax) || lambdaMax < lambdaMin)
            throw new ArgumentOutOfRangeException(nameof(lambdaMin), (lambdaMin, lambdaMax),
                "The curvatures must satisfy 0 < λ_min ≤ λ_max < ∞ (a positive-definite Hessian).");
    }

    private static void ValidateGamma(double gamma)
    {
        if (!(gamma >= 0 && gamma < 1))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "The momentum parameter γ must be in [0, 1).");
    }
}
