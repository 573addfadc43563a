using XPlot.Plotly;

namespace Course.Plots;

/// <summary>The axis and layout settings the course's charts share.</summary>
internal static class Axes
{
    public const int Width = 900;
    public const int Height = 500;

    public static Xaxis X(string title, bool log = false) =>
        log ? new Xaxis { title = title, type = "log" } : new Xaxis { title = title };

    public static Yaxis Y(string title, bool log = false) =>
        log ? new Yaxis { title = title, type = "log" } : new Yaxis { title = title };

    public static Layout.Layout Layout(string title, Xaxis x, Yaxis y) =>
        new() { title = title, xaxis = x, yaxis = y, showlegend = true, hovermode = "closest" };

    /// <summary>Layout settings for equal scales: one unit of the y axis is drawn as long as one unit of the x axis (plotly's
    /// scaleanchor), and the plot area, not the range, shrinks to keep that (constrain = "domain"). XPlot 4.1.0 has no
    /// property for them, so a <see cref="Figure"/> applies them to its layout.</summary>
    public static readonly (string Path, System.Text.Json.Nodes.JsonNode? Value)[] EqualScales =
        [("yaxis.scaleanchor", "x"), ("yaxis.scaleratio", 1), ("xaxis.constrain", "domain"), ("yaxis.constrain", "domain")];

    /// <summary>Titles of the funnel's coordinate axes, with real subscripts (plotly reads &lt;sub&gt;).</summary>
    public const string X1 = "x<sub>1</sub>", X2 = "x<sub>2</sub>";

    /// <summary>The title of a distance-to-the-minimum axis: ‖θ_t − θ*‖ with t as a subscript.</summary>
    public const string Distance = "‖θ<sub>t</sub> − θ*‖ (log scale)";

    /// <summary>
    /// Tick settings for the log-scale y axis of <paramref name="values"/>: across 0.7 to 3 decades plotly would label
    /// every minor tick (2, 3, … 9 in each decade: crowded, unreadable), so labels go at 1, 2 and 5 only (dtick "D2");
    /// across more decades plotly labels whole decades by itself, written as powers of ten, not SI prefixes ("1μ").
    /// </summary>
    public static (string Path, System.Text.Json.Nodes.JsonNode? Value)[] LogTicks(IEnumerable<double> values)
    {
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        double decades = positive.Count == 0 ? 0 : Math.Log10(positive.Max() / positive.Min());
        return decades is >= 0.7 and <= 3
            ? [("yaxis.dtick", "D2"), ("yaxis.exponentformat", "power")]
            : [("yaxis.exponentformat", "power")];
    }

    /// <summary>Widens the box around its centre to a width:height of <paramref name="aspect"/> (the plot area's shape), so that
    /// with <see cref="EqualScales"/> it fills the area; a box already that wide and tall is kept.</summary>
    public static ((double Min, double Max) X1, (double Min, double Max) X2) EqualScaleBox(
        (double Min, double Max) x1, (double Min, double Max) x2, double aspect)
    {
        double height = Math.Max((x1.Max - x1.Min) / aspect, x2.Max - x2.Min);
        double c1 = (x1.Min + x1.Max) / 2, c2 = (x2.Min + x2.Max) / 2;
        return ((c1 - aspect * height / 2, c1 + aspect * height / 2), (c2 - height / 2, c2 + height / 2));
    }

    /// <summary>Width:height of the plot area of a 900×600 chart with the legend below (about 740×370 pixels).</summary>
    public const double LegendBelowAspect = 2.0;

    /// <summary>A horizontal legend under the plot, for charts whose right side holds a colour bar.</summary>
    public static void LegendBelow(Layout.Layout layout)
    {
        layout.legend = new Legend { orientation = "h", x = 0, xanchor = "left", y = -0.22, yanchor = "top" };
        layout.margin = new Margin { t = 80, b = 150 };
    }

    /// <summary>x_i = start + i·(stop − start)/(n − 1), i = 0 … n − 1, like NumPy's linspace with the end point.</summary>
    public static double[] Linspace(double start, double stop, int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "linspace needs at least one point.");
        if (n == 1) return new[] { start };
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = start + i * (stop - start) / (n - 1);
        x[n - 1] = stop;
        return x;
    }
}
