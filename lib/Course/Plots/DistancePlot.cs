using Course.Functions;
using XPlot.Plotly;

namespace Course.Plots;

/// <summary>
/// Distance to the minimum over iterations, d_t = ‖θ_t − θ*‖, on a log scale: linear convergence
/// d_t ≈ C·ρᵗ is a straight line whose slope is log ρ, so faster methods fall more steeply.
/// <code>DistancePlot.Plot(gd, momentum, nesterov)</code>
/// </summary>
public static class DistancePlot
{
    /// <summary>Draws d_t = ‖θ_t − θ*‖ against t = 0 … T for each trajectory (y on a log axis).</summary>
    /// <param name="trajectories">One or more trajectories.</param>
    /// <exception cref="ArgumentException">No trajectory was given.</exception>
    public static Figure Plot(params Trajectory[] trajectories) => Plot(trajectories, title: null);

    /// <summary>The same with a chosen title (default "Distance to the minimum").</summary>
    /// <param name="trajectories">One or more trajectories.</param>
    /// <param name="title">Chart title.</param>
    public static Figure Plot(IReadOnlyList<Trajectory> trajectories, string? title)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        if (trajectories.Count == 0)
            throw new ArgumentException("Give at least one trajectory to plot.", nameof(trajectories));
        title ??= "Distance to the minimum";

        var traces = trajectories.Select((t, i) => new Scatter
        {
            name = t.Label,
            mode = "lines",
            x = Enumerable.Range(0, t.Points.Count).ToArray(),
            y = t.DistancesToMinimum.ToArray(),
            line = new Line { color = Palette.Color(i), width = 2 },
        });
        var layout = Axes.Layout(title, Axes.X("iteration t"), Axes.Y(Axes.Distance, log: true));
        var chart = XPlot.Plotly.Chart.Plot(traces, layout);
        chart.WithSize(Axes.Width, Axes.Height);
        return new Figure(chart, id: null, Axes.LogTicks(trajectories.SelectMany(t => t.DistancesToMinimum))) { Title = title };
    }
}
