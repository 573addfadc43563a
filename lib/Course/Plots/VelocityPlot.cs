using Course.Functions;
using XPlot.Plotly;

namespace Course.Plots;

/// <summary>
/// The momentum velocity under a constant gradient g: the partial sums
/// v_n = η g (1 + γ + … + γ^(n−1)) for several γ (markers joined by lines), each with its limit
/// η g/(1 − γ) as a dashed line of the same colour.
/// <code>VelocityPlot.Plot(learningRate: 0.01, gradient: 1, gammas: new[] { 0.5, 0.9 }, n: 60)</code>
/// </summary>
public static class VelocityPlot
{
    /// <summary>Draws v_1 … v_n (from <see cref="VelocitySeries.Iterate"/>) and v_∞ for each γ.</summary>
    /// <param name="learningRate">η.</param>
    /// <param name="gradient">g, the constant gradient.</param>
    /// <param name="gammas">The momentum parameters to compare, each in [0, 1).</param>
    /// <param name="n">Number of updates n ≥ 1.</param>
    /// <param name="title">Chart title; default "Velocity under a constant gradient".</param>
    /// <exception cref="ArgumentException">No γ was given, a γ is outside [0, 1), or n &lt; 1.</exception>
    public static Figure Plot(double learningRate, double gradient, IReadOnlyList<double> gammas, int n, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(gammas);
        if (gammas.Count == 0)
            throw new ArgumentException("Give at least one γ to plot.", nameof(gammas));
        if (n < 1)
            throw new ArgumentOutOfRangeException(nameof(n), n, "The number of updates n must be at least 1.");
        title ??= "Velocity under a constant gradient";

        var steps = Enumerable.Range(1, n).ToArray();
        var traces = new List<Trace>();
        for (int i = 0; i < gammas.Count; i++)
        {
            double gamma = gammas[i];
            double[] v = VelocitySeries.Iterate(learningRate, gradient, gamma, n);
            double limit = VelocitySeries.Limit(learningRate, gradient, gamma);
            string color = Palette.Color(i);
            traces.Add(new Scatter
            {
                name = FormattableString.Invariant($"v_n, γ = {gamma}"),
                mode = "lines+markers",
                x = steps,
                y = v,
                line = new Line { color = color, width = 2 },
                marker = new Marker { color = color, size = 4 },
            });
            traces.Add(new Scatter
            {
                name = FormattableString.Invariant($"limit ηg/(1−γ) = {limit:G4}"),
                mode = "lines",
                x = new[] { 1, n },
                y = new[] { limit, limit },
                line = new Line { color = color, width = 1.5, dash = "dash" },
            });
        }
        var layout = Axes.Layout(title, Axes.X("update n"), Axes.Y("velocity v_n"));
        layout.yaxis.rangemode = "tozero"; // the velocity starts from rest
        var chart = XPlot.Plotly.Chart.Plot(traces, layout);
        chart.WithSize(Axes.Width, Axes.Height);
        return new Figure(chart) { Title = title };
    }
}
