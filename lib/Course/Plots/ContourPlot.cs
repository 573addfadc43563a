using System.Globalization;
using Course.Functions;
using XPlot.Plotly;

namespace Course.Plots;

/// <summary>
/// Contour lines of a two-dimensional function with optimizer trajectories drawn on top
/// (markers joined by lines, one colour per trajectory) and the minimum as a star: the picture of gradient descent zig-zagging
/// across a narrow funnel while momentum runs along it.
/// <code>ContourPlot.Plot(Quadratic2D.Funnel, gd, momentum)</code>
/// </summary>
public static class ContourPlot
{
    /// <summary>Grid points per axis of the contour (f is evaluated on GridSize × GridSize points).</summary>
    public const int GridSize = 101;

    /// <summary>Draws f's contours over a box that holds every trajectory (and the minimum), and the trajectories on it.</summary>
    /// <param name="f">The function whose level sets are drawn.</param>
    /// <param name="trajectories">Zero or more trajectories to draw.</param>
    public static Figure Plot(IFunction2D f, params Trajectory[] trajectories) =>
        Plot(f, trajectories, x1Range: null, x2Range: null);

    /// <summary>Draws f's contours over the given box (or one fitted to the trajectories) with the trajectories on it, both axes
    /// to the same scale (the box is widened to the plot area's shape), so an ellipse is drawn with its true proportions.</summary>
    /// <param name="f">The function whose level sets are drawn.</param>
    /// <param name="trajectories">The trajectories to draw.</param>
    /// <param name="x1Range">(min, max) of the horizontal axis; default fitted to the finite points with a margin.</param>
    /// <param name="x2Range">(min, max) of the vertical axis; default fitted likewise.</param>
    /// <param name="title">Chart title; default "Trajectories on the contours of f".</param>
    /// <exception cref="ArgumentException">A range is empty or not finite.</exception>
    public static Figure Plot(IFunction2D f, IReadOnlyList<Trajectory> trajectories,
        (double Min, double Max)? x1Range = null, (double Min, double Max)? x2Range = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(trajectories);
        var points = trajectories.SelectMany(t => t.Points).Append(f.Minimum).ToList();
        CheckRange(x1Range ?? (0, 1), "x1Range");
        CheckRange(x2Range ?? (0, 1), "x2Range");
        // Equal scales, so that the contour ellipses have their true shape: the box grows to the plot area's shape.
        var (x1, x2) = Axes.EqualScaleBox(x1Range ?? FitRange(points.Select(p => p.X1)), x2Range ?? FitRange(points.Select(p => p.X2)),
            Axes.LegendBelowAspect);
        title ??= "Trajectories on the contours of f";

        var traces = new List<Trace> { Contours(f, x1, x2) };
        traces.AddRange(trajectories.Select((t, i) => Path(t, Palette.Color(i))));
        traces.Add(new Scatter
        {
            name = "minimum θ*",
            mode = "markers",
            x = new[] { f.Minimum.X1 },
            y = new[] { f.Minimum.X2 },
            marker = new Marker { symbol = "star", size = 14, color = "gold", line = new Line { color = "black", width = 1 } },
        });
        var layout = Axes.Layout(title, Axes.X(Axes.X1), Axes.Y(Axes.X2));
        layout.xaxis.range = new[] { x1.Min, x1.Max };
        layout.yaxis.range = new[] { x2.Min, x2.Max };
        Axes.LegendBelow(layout);
        var chart = XPlot.Plotly.Chart.Plot(traces, layout);
        chart.WithSize(Axes.Width, Axes.Height + 100);
        return new Figure(chart, id: null, Axes.EqualScales) { Title = title };
    }

    /// <summary>The contour trace of f on a GridSize × GridSize grid: z[j][i] = f(x1_i, x2_j), kept to 4 significant
    /// digits (a contour line moves by under 0.05% of its level, and the figure's HTML is about 2.5× smaller).</summary>
    internal static Contour Contours(IFunction2D f, (double Min, double Max) x1Range, (double Min, double Max) x2Range, bool showScale = true)
    {
        CheckRange(x1Range, "x1Range");
        CheckRange(x2Range, "x2Range");
        var x1 = Axes.Linspace(x1Range.Min, x1Range.Max, GridSize);
        var x2 = Axes.Linspace(x2Range.Min, x2Range.Max, GridSize);
        var z = new double[x2.Length][]; // rows follow x2 (the vertical axis), as plotly expects
        for (int j = 0; j < x2.Length; j++)
        {
            z[j] = new double[x1.Length];
            for (int i = 0; i < x1.Length; i++) z[j][i] = FourSignificantDigits(f.Value(new Point2D(x1[i], x2[j])));
        }
        return new Contour
        {
            name = "f(x₁, x₂)",
            x = x1,
            y = x2,
            z = z,
            ncontours = 30,
            colorscale = "Greys",
            reversescale = true,
            showscale = showScale,
            colorbar = new Colorbar { title = "f" },
        };
    }

    /// <summary>A trajectory as markers joined by lines; non-finite points (a blow-up) are left out.</summary>
    internal static Scatter Path(Trajectory trajectory, string color)
    {
        var finite = trajectory.Points.Where(p => p.IsFinite).ToList();
        return new Scatter
        {
            name = trajectory.Label,
            mode = "lines+markers",
            x = finite.Select(p => p.X1).ToArray(),
            y = finite.Select(p => p.X2).ToArray(),
            line = new Line { color = color, width = 2 },
            marker = new Marker { color = color, size = 5 },
        };
    }

    /// <summary>[min, max] of the finite values, widened by 10% on each side (and to at least ±1 around a single value).</summary>
    internal static (double Min, double Max) FitRange(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0) return (-1, 1);
        double min = finite.Min(), max = finite.Max();
        double margin = max > min ? 0.1 * (max - min) : 1.0;
        return (min - margin, max + margin);
    }

    /// <summary>v rounded to 4 significant digits (the double nearest to its "G4" text, which prints short).</summary>
    internal static double FourSignificantDigits(double v) =>
        double.IsFinite(v) ? double.Parse(v.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : v;

    private static void CheckRange((double Min, double Max) range, string name)
    {
        if (!double.IsFinite(range.Min) || !double.IsFinite(range.Max) || !(range.Max > range.Min))
            throw new ArgumentException($"{name} = ({range.Min}, {range.Max}) must be finite with Min < Max.", name);
    }
}
