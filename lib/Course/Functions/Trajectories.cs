namespace Course.Functions;

/// <summary>
/// Gradient descent, momentum and Nesterov's accelerated gradient on a two-dimensional function,
/// each a flat loop that reads like its update rule and records every point θ_0 … θ_T.
/// All three start from rest (v_0 = 0), so their first step is the same: θ_1 = θ_0 − η∇f(θ_0).
/// </summary>
public static class Trajectories
{
    /// <summary>Gradient descent: θ_{t+1} = θ_t − η ∇f(θ_t).</summary>
    /// <param name="f">The function to descend.</param>
    /// <param name="start">θ_0.</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="steps">T ≥ 0, the number of updates.</param>
    /// <param name="label">Legend label; default "gradient descent η = …".</param>
    public static Trajectory GradientDescent(IFunction2D f, Point2D start, double learningRate, int steps, string? label = null)
    {
        Validate(f, start, learningRate, gamma: 0, steps);
        var theta = start;
        var points = new List<Point2D>(steps + 1) { theta };
        for (int t = 0; t < steps; t++)
        {
            theta = theta - learningRate * f.Gradient(theta);
            points.Add(theta);
        }
        return new Trajectory(label ?? Invariant($"gradient descent η = {learningRate}"), points, f.Minimum);
    }

    /// <summary>Momentum in the course's form: v_{t+1} = γ v_t + η ∇f(θ_t); θ_{t+1} = θ_t − v_{t+1}, with v_0 = 0.
    /// γ = 0 is gradient descent.</summary>
    /// <param name="f">The function to descend.</param>
    /// <param name="start">θ_0.</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="gamma">γ in [0, 1), the momentum parameter (0.9 is the usual choice).</param>
    /// <param name="steps">T ≥ 0, the number of updates.</param>
    /// <param name="label">Legend label; default "momentum γ = …, η = …".</param>
    /// <param name="initialVelocity">v_0; default zero (start from rest).</param>
    public static Trajectory Momentum(IFunction2D f, Point2D start, double learningRate, double gamma, int steps,
        string? label = null, Point2D initialVelocity = default)
    {
        Validate(f, start, learningRate, gamma, steps);
        var theta = start;
        var v = initialVelocity;
        var points = new List<Point2D>(steps + 1) { theta };
        for (int t = 0; t < steps; t++)
        {
            v = gamma * v + learningRate * f.Gradient(theta);
            theta = theta - v;
            points.Add(theta);
        }
        return new Trajectory(label ?? Invariant($"momentum γ = {gamma}, η = {learningRate}"), points, f.Minimum);
    }

    /// <summary>Nesterov's accelerated gradient: the gradient is taken at the look-ahead point θ_t − γ v_t,
    /// v_{t+1} = γ v_t + η ∇f(θ_t − γ v_t); θ_{t+1} = θ_t − v_{t+1}, with v_0 = 0.</summary>
    /// <param name="f">The function to descend.</param>
    /// <param name="start">θ_0.</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="gamma">γ in [0, 1), the momentum parameter.</param>
    /// <param name="steps">T ≥ 0, the number of updates.</param>
    /// <param name="label">Legend label; default "Nesterov γ = …, η = …".</param>
    /// <param name="initialVelocity">v_0; default zero (start from rest).</param>
    public static Trajectory Nesterov(IFunction2D f, Point2D start, double learningRate, double gamma, int steps,
        string? label = null, Point2D initialVelocity = default)
    {
        Validate(f, start, learningRate, gamma, steps);
        var theta = start;
        var v = initialVelocity;
        var points = new List<Point2D>(steps + 1) { theta };
        for (int t = 0; t < steps; t++)
        {
            var lookAhead = theta - gamma * v;
            v = gamma * v + learningRate * f.Gradient(lookAhead);
            theta = theta - v;
            points.Add(theta);
        }
        return new Trajectory(label ?? Invariant($"Nesterov γ = {gamma}, η = {learningRate}"), points, f.Minimum);
    }

    private static void Validate(IFunction2D f, Point2D start, double learningRate, double gamma, int steps)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!start.IsFinite)
            throw new ArgumentException($"The start point must be finite, got {start}.", nameof(start));
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate η must be a finite number > 0.");
        if (!(gamma >= 0 && gamma < 1))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "The momentum parameter γ must be in [0, 1).");
        if (steps < 0)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "The number of steps must be 0 or more.");
    }

    private static string Invariant(FormattableString s) => FormattableString.Invariant(s);
}
