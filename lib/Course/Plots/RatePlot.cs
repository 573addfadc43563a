using Course.Functions;
using XPlot.Plotly;

namespace Course.Plots;

/// <summary>
/// Measured distances to the minimum beside the closed-form prediction: each trajectory's d_t = ‖θ_t − θ*‖ as a solid
/// line and, in the same colour, dashed, d_0·ρᵗ for the rate ρ given with it. On the log axis both are straight when
/// the prediction holds, with the same slope log ρ.
/// <code>RatePlot.Plot(new[] { (gd, 0.905), (momentum, 0.635) })</code>
/// </summary>
public static class RatePlot
{
    /// <summary>Draws each run's distances and its predicted d_0·ρᵗ.</summary>
    /// <param name="runs">Trajectories with the rate ρ predicted for each.</param>
    /// <param name="title">Chart title; default "Measured distance and predicted d_0·ρᵗ".</param>
    /// <exception cref="ArgumentException">No run was given or a rate is not a finite number ≥ 0.</exception>
    public static Figure Plot(IReadOnlyList<(Trajectory Run, double Rate)> runs, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("Give at least one run to plot.", nameof(runs));
        title ??= "Measured distance and predicted d_0·ρᵗ";
        var traces = new List<Trace>();
        for (int i = 0; i < runs.Count; i++)
        {
            var (run, rate) = runs[i];
            if (!(rate >= 0) || !double.IsFinite(rate))
                throw new ArgumentException($"The rate for '{run.Label}' is {rate}; it must be a finite number ≥ 0.", nameof(runs));
            var t = Enumerable.Range(0, run.Points.Count).ToArray();
            var d = run.DistancesToMinimum;
            string color = Palette.Color(i);
            traces.Add(new Scatter { name = run.Label, mode = "lines", x = t, y = d.ToArray(), line = new Line { color = color, width = 2 } });
            traces.Add(new Scatter
            {
                name = FormattableString.Invariant($"predicted d_0·{rate:G4}ᵗ"),
                mode = "lines",
                x = t,
                y = t.Select(s => d[0] * Math.Pow(rate, s)).ToArray(),
                line = new Line { color = color, width = 1.5, dash = "dash" },
            });
        }
        var layout = Axes.Layout(title, Axes.X("iteration t"), Axes.Y(Axes.Distance, log: true));
        var chart = XPlot.Plotly.Chart.Plot(traces, layout);
        chart.WithSize(Axes.Width, Axes.Height);
        return new Figure(chart, id: null, Axes.LogTicks(runs.SelectMany(r => r.Run.DistancesToMinimum))) { Title = title };
    }
}
