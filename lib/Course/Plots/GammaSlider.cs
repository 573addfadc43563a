using System.Globalization;
using System.Text.Json;
using Course.Functions;
using XPlot.Plotly;

namespace Course.Plots;

/// <summary>
/// A contour plot with a slider under it that moves momentum's γ: each slider position redraws the trajectory of
/// momentum from the same start with the same η and that γ (all trajectories are computed here, and the slider swaps
/// the drawn one with plotly's restyle, so the page needs no kernel).
/// <code>GammaSlider.Plot(Quadratic2D.Funnel, new Point2D(-10, 1), learningRate: 0.3, gammas: new[] { 0.0, 0.3, 0.6, 0.9 }, steps: 50)</code>
/// </summary>
public static class GammaSlider
{
    /// <summary>Draws f's contours and momentum's path for <paramref name="gammas"/>[<paramref name="initial"/>], with a slider over all γ.</summary>
    /// <param name="f">The function.</param>
    /// <param name="start">θ_0 of every run.</param>
    /// <param name="learningRate">η of every run.</param>
    /// <param name="gammas">The slider's γ values, each in [0, 1).</param>
    /// <param name="steps">Steps per run.</param>
    /// <param name="initial">Index of the γ shown first; default 0.</param>
    /// <param name="title">Chart title.</param>
    /// <exception cref="ArgumentException">No γ, or <paramref name="initial"/> outside the list.</exception>
    public static Figure Plot(IFunction2D f, Point2D start, double learningRate, IReadOnlyList<double> gammas, int steps,
        int initial = 0, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(gammas);
        if (gammas.Count == 0) throw new ArgumentException("Give at least one γ for the slider.", nameof(gammas));
        if (initial < 0 || initial >= gammas.Count)
            throw new ArgumentOutOfRangeException(nameof(initial), initial, $"The first γ shown must index the {gammas.Count} values given.");
        title ??= FormattableString.Invariant($"Momentum with η = {learningRate}: move γ");

        var runs = gammas.Select(g => Trajectories.Momentum(f, start, learningRate, g, steps)).ToList();
        var finite = runs.SelectMany(r => r.Points).Where(p => p.IsFinite && p.Norm <= 10 * Math.Max(1, start.Norm)).Append(f.Minimum).Append(start).ToList();
        // Equal scales, as in ContourPlot: the ellipses keep their shape.
        var (x1, x2) = Axes.EqualScaleBox(ContourPlot.FitRange(finite.Select(p => p.X1)), ContourPlot.FitRange(finite.Select(p => p.X2)),
            Axes.LegendBelowAspect);

        var traces = new List<Trace>
        {
            ContourPlot.Contours(f, x1, x2, showScale: false),
            ContourPlot.Path(runs[initial], Palette.Color(1)),
            new Scatter
            {
                name = "minimum θ*", mode = "markers", x = new[] { f.Minimum.X1 }, y = new[] { f.Minimum.X2 },
                marker = new Marker { symbol = "star", size = 14, color = "gold", line = new Line { color = "black", width = 1 } },
            },
        };
        var layout = Axes.Layout(title, Axes.X(Axes.X1), Axes.Y(Axes.X2));
        layout.xaxis.range = new[] { x1.Min, x1.Max };
        layout.yaxis.range = new[] { x2.Min, x2.Max };
        Axes.LegendBelow(layout);
        var chart = XPlot.Plotly.Chart.Plot(traces, layout);
        chart.WithSize(Axes.Width, Axes.Height + 220);
        return new Figure(chart, id: null, [.. Axes.EqualScales, ("sliders", System.Text.Json.Nodes.JsonNode.Parse(SlidersJson(runs, gammas, initial)))]) { Title = title };
    }

    /// <summary>plotly's layout.sliders: one step per γ, each restyling trace 1 (the path) to that run's finite points.</summary>
    internal static string SlidersJson(IReadOnlyList<Trajectory> runs, IReadOnlyList<double> gammas, int initial)
    {
        var steps = runs.Select((run, i) =>
        {
            var points = run.Points.Where(p => p.IsFinite).ToList();
            return new Dictionary<string, object>
            {
                ["label"] = gammas[i].ToString("G3", CultureInfo.InvariantCulture),
                ["method"] = "restyle",
                ["args"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["x"] = new[] { points.Select(p => Math.Round(p.X1, 5)).ToArray() },
                        ["y"] = new[] { points.Select(p => Math.Round(p.X2, 5)).ToArray() },
                        ["name"] = new[] { run.Label },
                    },
                    new[] { 1 },
                },
            };
        }).ToArray();
        var slider = new Dictionary<string, object>
        {
            ["active"] = initial,
            ["currentvalue"] = new Dictionary<string, object> { ["prefix"] = "γ = " },
            ["pad"] = new Dictionary<string, object> { ["t"] = 150 },
            ["steps"] = steps,
        };
        return JsonSerializer.Serialize(new[] { slider });
    }
}
