using Course.Functions;
using XPlot.Plotly;

namespace Course.Plots;

/// <summary>
/// The vector diagram of one momentum update and one Nesterov update from the same point θ with
/// velocity v, drawn as arrows over the contours of f:
/// the momentum step −γv (θ → θ − γv); the gradient step −η∇f(θ) taken at θ; the look-ahead
/// gradient step −η∇f(θ − γv) taken at θ − γv; and the two results, the momentum update
/// −γv − η∇f(θ) and the Nesterov update −γv − η∇f(θ − γv), both from θ.
/// <code>NesterovDiagram.Plot(Quadratic2D.Funnel, theta: new(-6, 1.5), velocity: new(-1.2, 0.8), learningRate: 0.4, gamma: 0.9)</code>
/// </summary>
public static class NesterovDiagram
{
    /// <summary>Draws the arrows of <see cref="NesterovStep.At"/> on f's contours, with equal scales on both axes so
    /// that directions (a gradient is perpendicular to its contour line) look right.</summary>
    /// <param name="f">The function.</param>
    /// <param name="theta">θ, the current point.</param>
    /// <param name="velocity">v, the current velocity.</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="gamma">γ in [0, 1).</param>
    /// <param name="title">Chart title; default "Momentum vs Nesterov: one update".</param>
    public static Figure Plot(IFunction2D f, Point2D theta, Point2D velocity, double learningRate, double gamma, string? title = null)
    {
        var step = NesterovStep.At(f, theta, velocity, learningRate, gamma);
        title ??= "Momentum vs Nesterov: one update";

        // (label, tail, tip, colour) of each arrow
        var arrows = new (string Label, Point2D From, Point2D To, string Color)[]
        {
            ("momentum step −γv", theta, step.LookAheadPoint, "#8c564b"),
            ("gradient step −η∇f(θ)", theta, theta + step.GradientStep, "#1f77b4"),
            ("look-ahead gradient step −η∇f(θ − γv)", step.LookAheadPoint, step.LookAheadPoint + step.LookAheadGradientStep, "#d62728"),
            ("momentum update −γv − η∇f(θ)", theta, step.MomentumNext, "#17becf"),
            ("Nesterov update −γv − η∇f(θ − γv)", theta, step.NesterovNext, "#2ca02c"),
        };

        var all = arrows.SelectMany(a => new[] { a.From, a.To }).ToList();
        var (x1, x2) = EqualScaleBox(ContourPlot.FitRange(all.Select(p => p.X1)), ContourPlot.FitRange(all.Select(p => p.X2)));
        var traces = new List<Trace> { ContourPlot.Contours(f, x1, x2, showScale: false) };
        // Each arrow's shaft is a line trace (so it has a legend entry); an annotation draws its head.
        traces.AddRange(arrows.Select(a => new Scatter
        {
            name = a.Label,
            mode = "lines",
            x = new[] { a.From.X1, a.To.X1 },
            y = new[] { a.From.X2, a.To.X2 },
            line = new Line { color = a.Color, width = 3 },
        }));
        traces.Add(new Scatter
        {
            name = "points",
            mode = "markers+text",
            x = new[] { theta.X1, step.LookAheadPoint.X1 },
            y = new[] { theta.X2, step.LookAheadPoint.X2 },
            text = new[] { "θ", "θ − γv" },
            textposition = "top center",
            marker = new Marker { color = "black", size = 8 },
            showlegend = false,
        });

        var layout = Axes.Layout(title, Axes.X(Axes.X1), Axes.Y(Axes.X2));
        layout.xaxis.range = new[] { x1.Min, x1.Max };
        layout.yaxis.range = new[] { x2.Min, x2.Max };
        Axes.LegendBelow(layout);
        layout.annotations = arrows.Select(a => new Annotation
        {
            x = a.To.X1, y = a.To.X2,
            ax = a.From.X1, ay = a.From.X2,
            xref = "x", yref = "y", axref = "x", ayref = "y",
            showarrow = true, arrowhead = 2, arrowsize = 1.2, arrowwidth = 3, arrowcolor = a.Color,
            text = "",
        }).ToArray();
        var chart = XPlot.Plotly.Chart.Plot(traces, layout);
        chart.WithSize(Axes.Width, Axes.Height + 100);
        // XPlot 4.1.0 has no scaleanchor: one unit of x2 is drawn as long as one unit of x1, and the plot
        // area (not the range) shrinks to keep that, so the contours fill it.
        return new Figure(chart, id: null, Axes.EqualScales) { Title = title };
    }

    /// <summary>The box widened to the plot area's shape (see <see cref="Axes.EqualScaleBox"/>).</summary>
    internal static ((double Min, double Max) X1, (double Min, double Max) X2) EqualScaleBox((double Min, double Max) x1, (double Min, double Max) x2) =>
        Axes.EqualScaleBox(x1, x2, Axes.LegendBelowAspect);
}
