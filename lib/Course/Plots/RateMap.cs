using System.Globalization;
using Course.Functions;
using XPlot.Plotly;

namespace Course.Plots;

/// <summary>
/// Momentum's convergence rate ρ (the spectral radius of its iteration matrix) as a heat map:
/// <see cref="PhaseDiagram"/> over the (ηλ, γ) plane of one curvature direction, with the curves that bound its regions
/// (monotone, ripples, oscillation, divergence); <see cref="ForQuadratic"/> over the (η, γ) plane of a whole quadratic,
/// where ρ is the slower of its two directions, with chosen settings marked.
/// <code>RateMap.PhaseDiagram()</code>
/// </summary>
public static class RateMap
{
    /// <summary>Grid points per axis.</summary>
    public const int GridSize = 121;

    /// <summary>ρ is drawn up to this value; larger (faster-diverging) values get the top colour.</summary>
    public const double RateCeiling = 1.2;

    /// <summary>ρ(M) of momentum on one direction for ηλ in (0, maxEtaLambda] and γ in [0, 0.99], and the region borders
    /// ηλ = (1 − √γ)² and (1 + √γ)² (inside them the eigenvalues are complex) and ηλ = 2 + 2γ (divergence beyond).</summary>
    /// <param name="maxEtaLambda">Right end of the ηλ axis; default 4.2 (just past the largest stable 2 + 2γ).</param>
    /// <param name="title">Chart title.</param>
    public static Figure PhaseDiagram(double maxEtaLambda = 4.2, string? title = null)
    {
        if (!(maxEtaLambda > 0) || !double.IsFinite(maxEtaLambda))
            throw new ArgumentOutOfRangeException(nameof(maxEtaLambda), maxEtaLambda, "The ηλ axis needs a finite right end > 0.");
        title ??= "Momentum's rate ρ on one direction, over (ηλ, γ)";
        var etaLambda = Axes.Linspace(maxEtaLambda / GridSize, maxEtaLambda, GridSize);
        var gammas = Axes.Linspace(0, 0.99, GridSize);
        var z = Grid(etaLambda, gammas, (h, g) => IterationMatrix.SpectralRadius(IterationMatrix.Momentum(1, h, g)));

        var traces = new List<Trace> { Heat(etaLambda, gammas, z) };
        traces.Add(Border("(1 − √γ)²: ripples begin", gammas.Select(g => Math.Pow(1 - Math.Sqrt(g), 2)), gammas, "#ff7f0e", "dot"));
        traces.Add(Border("(1 + √γ)²: ripples end", gammas.Select(g => Math.Pow(1 + Math.Sqrt(g), 2)).Select(h => Math.Min(h, maxEtaLambda)), gammas, "#ff7f0e", "dash"));
        traces.Add(Border("2 + 2γ: divergence beyond", gammas.Select(g => Math.Min(2 + 2 * g, maxEtaLambda)), gammas, "black", "solid"));

        var layout = Axes.Layout(title, Axes.X("ηλ (learning rate × curvature)"), Axes.Y("γ"));
        layout.xaxis.range = new[] { 0, maxEtaLambda };
        layout.yaxis.range = new[] { 0, 0.99 };
        Axes.LegendBelow(layout);
        layout.annotations = new[]
        {
            // inside each region: monotone left of (1 − √γ)², oscillation between (1 + √γ)² and 2 + 2γ (narrow, near γ = 0)
            Label(0.3, 0.035, "monotone"), Label(1.3, 0.6, "ripples"),
            Label(1.75, 0.035, "oscillation"), Label(Math.Min(3.9, 0.9 * maxEtaLambda), 0.3, "divergence"),
        };
        var chart = XPlot.Plotly.Chart.Plot(traces, layout);
        chart.WithSize(Axes.Width, Axes.Height + 100);
        return new Figure(chart) { Title = title };
    }

    /// <summary>ρ = max over f's two curvatures of ρ(M) (<see cref="IterationMatrix.MomentumRate"/>) on an (η, γ) grid,
    /// with the given settings as labelled markers.</summary>
    /// <param name="f">The quadratic.</param>
    /// <param name="maxLearningRate">Right end of the η axis.</param>
    /// <param name="marks">Settings to mark, e.g. ("optimum", η*, γ*).</param>
    /// <param name="title">Chart title.</param>
    public static Figure ForQuadratic(Quadratic2D f, double maxLearningRate, IReadOnlyList<(string Label, double LearningRate, double Gamma)>? marks = null,
        string? title = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!(maxLearningRate > 0) || !double.IsFinite(maxLearningRate))
            throw new ArgumentOutOfRangeException(nameof(maxLearningRate), maxLearningRate, "The η axis needs a finite right end > 0.");
        title ??= "Momentum's rate ρ on f, over (η, γ)";
        var etas = Axes.Linspace(maxLearningRate / GridSize, maxLearningRate, GridSize);
        var gammas = Axes.Linspace(0, 0.99, GridSize);
        var z = Grid(etas, gammas, (eta, g) => IterationMatrix.MomentumRate(f, eta, g));

        var traces = new List<Trace> { Heat(etas, gammas, z) };
        var (min, max) = f.Eigenvalues;
        traces.Add(Border("stability edge η = (2 + 2γ)/λ_max", gammas.Select(g => Math.Min((2 + 2 * g) / max, maxLearningRate)), gammas, "black", "solid"));
        foreach (var (mark, i) in (marks ?? Array.Empty<(string, double, double)>()).Select((m, i) => (m, i)))
            traces.Add(new Scatter
            {
                name = mark.Label,
                mode = "markers",
                x = new[] { mark.LearningRate },
                y = new[] { mark.Gamma },
                marker = new Marker { symbol = "x", size = 13, color = Palette.Color(i + 1), line = new Line { color = "white", width = 1 } },
            });
        var layout = Axes.Layout(title, Axes.X("learning rate η"), Axes.Y("γ"));
        layout.xaxis.range = new[] { 0, maxLearningRate };
        layout.yaxis.range = new[] { 0, 0.99 };
        Axes.LegendBelow(layout);
        var chart = XPlot.Plotly.Chart.Plot(traces, layout);
        chart.WithSize(Axes.Width, Axes.Height + 100);
        return new Figure(chart) { Title = title };
    }

    // z[j][i] = rate(x_i, y_j), rows along the vertical axis as plotly expects, capped at RateCeiling and kept to 4 digits.
    internal static double[][] Grid(double[] x, double[] y, Func<double, double, double> rate) =>
        y.Select(g => x.Select(h => Math.Round(Math.Min(rate(h, g), RateCeiling), 4)).ToArray()).ToArray();

    private static Heatmap Heat(double[] x, double[] y, double[][] z) => new()
    {
        name = "ρ",
        x = x,
        y = y,
        z = z,
        zmin = 0,
        zmax = RateCeiling,
        colorscale = "Viridis",
        colorbar = new Colorbar { title = "ρ" },
    };

    private static Scatter Border(string name, IEnumerable<double> x, double[] y, string color, string dash) => new()
    {
        name = name,
        mode = "lines",
        x = x.ToArray(),
        y = y,
        line = new Line { color = color, width = 2, dash = dash },
    };

    private static Annotation Label(double x, double y, string text) => new()
    {
        x = x, y = y, xref = "x", yref = "y", text = text, showarrow = false,
        font = new Font { color = "white", size = 14 },
    };
}
