using XPlot.Plotly;

namespace Course.Plots;

/// <summary>
/// Loss curves on a semilog y axis, one labelled line per run, with x measured in epochs:
/// a run that recorded n losses over E epochs is drawn at x_i = E·i/(n − 1), i = 0 … n − 1
/// (NumPy's linspace(0, E, n)), so runs that logged at different rates still line up.
/// <code>LossCurves.Plot(epochs: 5, ("momentum 0.9", momentumLosses), ("no momentum", sgdLosses))</code>
/// </summary>
public static class LossCurves
{
    /// <summary>Draws each (label, losses) series against linspace(0, epochs, n) on a log-scale y axis.</summary>
    /// <param name="epochs">E &gt; 0, the number of epochs the losses were recorded over.</param>
    /// <param name="series">(label, losses) pairs; each needs a label and at least one loss.</param>
    /// <exception cref="ArgumentException">No series, an empty label, or a series without losses.</exception>
    public static Figure Plot(double epochs, params (string Label, IReadOnlyList<double> Losses)[] series) =>
        Plot(epochs, "Training loss", series);

    /// <summary>The same for losses recorded as float (as a float32 network produces them).</summary>
    public static Figure Plot(double epochs, params (string Label, IReadOnlyList<float> Losses)[] series) =>
        Plot(epochs, "Training loss", series.Select(s => (s.Label, (IReadOnlyList<double>)ToDouble(s.Losses))).ToArray());

    /// <summary>Draws the series with a chosen chart title.</summary>
    /// <param name="epochs">E &gt; 0.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="series">(label, losses) pairs.</param>
    public static Figure Plot(double epochs, string title, IReadOnlyList<(string Label, IReadOnlyList<double> Losses)> series)
    {
        if (!(epochs > 0) || !double.IsFinite(epochs))
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "The number of epochs must be a finite number > 0.");
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
            throw new ArgumentException("Give at least one (label, losses) series to plot.", nameof(series));
        for (int s = 0; s < series.Count; s++)
        {
            if (string.IsNullOrWhiteSpace(series[s].Label))
                throw new ArgumentException($"Series #{s + 1} has an empty label; the legend needs one.", nameof(series));
            if (series[s].Losses is null || series[s].Losses.Count == 0)
                throw new ArgumentException($"Series '{series[s].Label}' has no losses to plot.", nameof(series));
        }

        var traces = series.Select((s, i) => new Scatter
        {
            name = s.Label,
            mode = "lines",
            x = EpochAxis(epochs, s.Losses.Count),
            y = s.Losses.ToArray(),
            line = new Line { color = Palette.Color(i), width = 2 },
        });
        var layout = Axes.Layout(title, Axes.X("epoch"), Axes.Y("loss (log scale)", log: true));
        var chart = XPlot.Plotly.Chart.Plot(traces, layout);
        chart.WithSize(Axes.Width, Axes.Height);
        return new Figure(chart, id: null, Axes.LogTicks(series.SelectMany(s => s.Losses))) { Title = title };
    }

    /// <summary>x_i = E·i/(n − 1) for i = 0 … n − 1: where n losses recorded over E epochs sit on the epoch axis
    /// (a single loss sits at 0).</summary>
    public static double[] EpochAxis(double epochs, int n) => Axes.Linspace(0, epochs, n);

    private static double[] ToDouble(IReadOnlyList<float> values)
    {
        if (values is null) return Array.Empty<double>(); // reported as "has no losses" by Plot
        var result = new double[values.Count];
        for (int i = 0; i < result.Length; i++) result[i] = values[i];
        return result;
    }
}
