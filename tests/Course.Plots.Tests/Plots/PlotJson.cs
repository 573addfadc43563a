using System.Text.Json;
using System.Text.RegularExpressions;

namespace Course.Plots.Tests.Plots;

/// <summary>Reads the data and layout JSON back out of a figure's HTML, so tests check what plotly.js is given.</summary>
internal static class PlotJson
{
    public static JsonElement Data(Figure figure) => Parse(figure, "data");
    public static JsonElement Layout(Figure figure) => Parse(figure, "layout");

    public static double[] Numbers(JsonElement array) =>
        array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? double.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : e.GetDouble()).ToArray();

    private static JsonElement Parse(Figure figure, string variable)
    {
        var match = Regex.Match(figure.ToHtml(), $@"var {variable} = (?<json>.*?);\r?\n", RegexOptions.Singleline);
        Assert.True(match.Success, $"the figure's HTML has no 'var {variable} = …;' line");
        return JsonDocument.Parse(match.Groups["json"].Value).RootElement.Clone();
    }
}
