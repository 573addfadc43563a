namespace Course.Functions;

/// <summary>
/// A differentiable loss of two parameters, f: R² → R, that the trajectory and contour helpers
/// can walk on and draw: its value, its gradient ∇f(θ) and where its minimum θ* is.
/// </summary>
public interface IFunction2D
{
    /// <summary>f(θ).</summary>
    double Value(Point2D theta);

    /// <summary>∇f(θ) = (∂f/∂x1, ∂f/∂x2).</summary>
    Point2D Gradient(Point2D theta);

    /// <summary>θ*, the point where f is smallest (distances are measured to it).</summary>
    Point2D Minimum { get; }
}
