namespace Course.Functions;

/// <summary>
/// A point (or a step) θ = (x1, x2) in the plane of a two-dimensional loss, with the vector
/// arithmetic the update rules need: θ − η·g, γ·v + η·g, ‖θ − θ*‖.
/// </summary>
/// <param name="X1">First coordinate, x1 (the horizontal axis of the plots).</param>
/// <param name="X2">Second coordinate, x2 (the vertical axis of the plots).</param>
public readonly record struct Point2D(double X1, double X2)
{
    /// <summary>The origin (0, 0): the minimum of every <see cref="Quadratic2D"/>.</summary>
    public static Point2D Zero => new(0, 0);

    public static Point2D operator +(Point2D a, Point2D b) => new(a.X1 + b.X1, a.X2 + b.X2);
    public static Point2D operator -(Point2D a, Point2D b) => new(a.X1 - b.X1, a.X2 - b.X2);
    public static Point2D operator -(Point2D a) => new(-a.X1, -a.X2);
    public static Point2D operator *(double s, Point2D a) => new(s * a.X1, s * a.X2);

    /// <summary>Euclidean length ‖θ‖ = √(x1² + x2²).</summary>
    public double Norm => Math.Sqrt(X1 * X1 + X2 * X2);

    /// <summary>Euclidean distance ‖θ − other‖.</summary>
    public double DistanceTo(Point2D other) => (this - other).Norm;

    /// <summary>True when both coordinates are finite numbers (not NaN, not ±∞).</summary>
    public bool IsFinite => double.IsFinite(X1) && double.IsFinite(X2);

    public override string ToString() => FormattableString.Invariant($"({X1:G6}, {X2:G6})");
}
