namespace Course.Functions;

/// <summary>
/// The points θ_0, θ_1, …, θ_T an optimizer visited on a two-dimensional function, with a label
/// for the plot legend. <see cref="DistancesToMinimum"/> gives ‖θ_t − θ*‖ for each t.
/// </summary>
public sealed class Trajectory
{
    /// <summary>Legend label, e.g. "momentum γ = 0.9".</summary>
    public string Label { get; }

    /// <summary>θ_0 (the start) through θ_T.</summary>
    public IReadOnlyList<Point2D> Points { get; }

    /// <summary>θ*, the minimum the distances are measured to.</summary>
    public Point2D Minimum { get; }

    /// <exception cref="ArgumentException">The label is empty or there are no points.</exception>
    public Trajectory(string label, IReadOnlyList<Point2D> points, Point2D minimum)
    {
        if (string.IsNullOrWhiteSpace(label))
            throw new ArgumentException("A trajectory needs a non-empty label for the legend.", nameof(label));
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
            throw new ArgumentException($"Trajectory '{label}' has no points; it needs at least the start θ_0.", nameof(points));
        Label = label;
        Points = points;
        Minimum = minimum;
    }

    /// <summary>Number of steps T (one less than the number of points).</summary>
    public int Steps => Points.Count - 1;

    /// <summary>The last point θ_T.</summary>
    public Point2D Last => Points[^1];

    /// <summary>d_t = ‖θ_t − θ*‖ for t = 0 … T.</summary>
    public IReadOnlyList<double> DistancesToMinimum => Points.Select(p => p.DistanceTo(Minimum)).ToArray();

    /// <summary>The steps taken, θ_{t+1} − θ_t for t = 0 … T − 1 (for momentum, −v_{t+1}).</summary>
    public IReadOnlyList<Point2D> Displacements => Points.Zip(Points.Skip(1), (a, b) => b - a).ToArray();

    /// <summary>True when some point is NaN or infinite (the iteration blew up).</summary>
    public bool Diverged => Points.Any(p => !p.IsFinite);

    public override string ToString() => $"{Label}: {Steps} steps, {Points[0]} → {Last}";
}
