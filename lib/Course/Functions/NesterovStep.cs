namespace Course.Functions;

/// <summary>
/// The pieces of one momentum update and one Nesterov update from the same point θ with velocity v,
/// as vectors (for the Nesterov vector diagram):
/// the momentum step −γv; the gradient step −η∇f(θ) that plain momentum adds;
/// the look-ahead point θ − γv and the gradient step −η∇f(θ − γv) that Nesterov adds instead.
/// Momentum moves by −(γv + η∇f(θ)); Nesterov moves by −(γv + η∇f(θ − γv)).
/// </summary>
public sealed record NesterovStep(
    Point2D Theta,
    Point2D Velocity,
    Point2D MomentumStep,
    Point2D GradientStep,
    Point2D LookAheadPoint,
    Point2D LookAheadGradientStep)
{
    /// <summary>−v_{t+1} for momentum: −γv − η∇f(θ).</summary>
    public Point2D MomentumUpdate => MomentumStep + GradientStep;

    /// <summary>−v_{t+1} for Nesterov: −γv − η∇f(θ − γv).</summary>
    public Point2D NesterovUpdate => MomentumStep + LookAheadGradientStep;

    /// <summary>Where momentum lands: θ − γv − η∇f(θ).</summary>
    public Point2D MomentumNext => Theta + MomentumUpdate;

    /// <summary>Where Nesterov lands: θ − γv − η∇f(θ − γv).</summary>
    public Point2D NesterovNext => Theta + NesterovUpdate;

    /// <summary>Computes the pieces at θ with velocity v.</summary>
    /// <param name="f">The function.</param>
    /// <param name="theta">θ, the current point.</param>
    /// <param name="velocity">v, the current velocity (what the last update subtracted).</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="gamma">γ in [0, 1).</param>
    public static NesterovStep At(IFunction2D f, Point2D theta, Point2D velocity, double learningRate, double gamma)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate η must be a finite number > 0.");
        if (!(gamma >= 0 && gamma < 1))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "The momentum parameter γ must be in [0, 1).");

        var momentumStep = -(gamma * velocity);
        var gradientStep = -(learningRate * f.Gradient(theta));
        var lookAhead = theta + momentumStep;
        var lookAheadGradientStep = -(learningRate * f.Gradient(lookAhead));
        return new NesterovStep(theta, velocity, momentumStep, gradientStep, lookAhead, lookAheadGradientStep);
    }
}
