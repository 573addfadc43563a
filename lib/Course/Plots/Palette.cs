namespace Course.Plots;

/// <summary>plotly.js's default trace colours, so that a helper can give a series and its
/// companion (e.g. a dashed limit line) the same colour.</summary>
internal static class Palette
{
    private static readonly string[] Colors =
        { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf" };

    public static string Color(int index) => Colors[index % Colors.Length];
}
