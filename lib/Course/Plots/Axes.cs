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
