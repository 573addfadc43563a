using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using XPlot.Plotly;

namespace Course.Plots;

/// <summary>
/// A chart that a notebook shows inline: it wraps an XPlot <see cref="PlotlyChart"/> (exposed as <see cref="Chart"/> so
/// you can still tweak it). Displayed in a notebook it gives two formats: text/html (<see cref="ToDisplayHtml"/>: a
/// &lt;div&gt; and a script that draws it with the plotly.js embedded in this library, which the session's first figure
/// carries) and application/vnd.plotly.v1+json (<see cref="ToPlotlyJson"/>, for front ends that draw plotly figures
/// themselves, such as JupyterLab with its plotly extension). No figure loads anything from the network.
/// </summary>
[TypeFormatterSource(typeof(FigureFormatterSource), PreferredMimeTypes = [FigureFormatterSource.Html, FigureFormatterSource.PlotlyJson])]
public sealed class Figure
{
    /// <summary>The plotly.js release the figures are drawn with: <see cref="PlotlyLibrary.Version"/>.</summary>
    public const string PlotlyVersion = PlotlyLibrary.Version;

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    private readonly IReadOnlyList<(string Path, JsonNode? Value)> _layoutSettings;

    /// <summary>Wraps an XPlot chart.</summary>
    /// <param name="chart">The chart to draw; its Width and Height size the &lt;div&gt;.</param>
    /// <param name="id">The &lt;div&gt; id; default "course-figure-" followed by a new GUID, so that
    /// every figure on a page is drawn into its own element.</param>
    public Figure(PlotlyChart chart, string? id = null) : this(chart, id, Array.Empty<(string, JsonNode?)>()) { }

    // layoutSettings: plotly.js layout settings XPlot 4.1.0 has no property for (e.g. equal axis scales, sliders), as a
    // dotted path into the layout ("yaxis.scaleanchor") and its JSON value.
    internal Figure(PlotlyChart chart, string? id, IReadOnlyList<(string Path, JsonNode? Value)> layoutSettings)
    {
        ArgumentNullException.ThrowIfNull(chart);
        id ??= "course-figure-" + Guid.NewGuid().ToString("N");
        if (id.Length == 0 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException($"Figure id '{id}' must be non-empty and use only ASCII letters, digits, '-' and '_'.", nameof(id));
        Chart = chart;
        Id = id;
        _layoutSettings = layoutSettings;
    }

    /// <summary>The XPlot chart being shown: change its layout or size before displaying the figure.</summary>
    public PlotlyChart Chart { get; }

    /// <summary>The id of the &lt;div&gt; the chart is drawn into.</summary>
    public string Id { get; }

    /// <summary>The title given by the helper that made the figure (used by ToString and as a saved page's &lt;title&gt;).</summary>
    public string? Title { get; init; }

    /// <summary>The figure as plotly.js data and layout: XPlot's JSON with this figure's extra layout settings applied.</summary>
    public (JsonArray Data, JsonObject Layout) ToPlotlyObjects()
    {
        Chart.WithId(Id);
        string js = Chart.GetPlottingJS();
        var data = Regex.Match(js, @"var data = (?<json>.*?);\r?\n", RegexOptions.Singleline);
        var layout = Regex.Match(js, @"var layout = (?<json>.*?);\r?\n", RegexOptions.Singleline);
        if (!data.Success || !layout.Success)
            throw new InvalidOperationException($"XPlot's script no longer has 'var data = …;' and 'var layout = …;' lines: {js}");
        var dataJson = JsonNode.Parse(data.Groups["json"].Value) as JsonArray
            ?? throw new InvalidOperationException($"XPlot's data is not a JSON array: {data.Groups["json"].Value}");
        var layoutJson = JsonNode.Parse(layout.Groups["json"].Value) as JsonObject ?? new JsonObject();
        foreach (var (path, value) in _layoutSettings)
        {
            var parts = path.Split('.');
            JsonObject node = layoutJson;
            foreach (var part in parts[..^1])
            {
                if (node[part] is not JsonObject child) node[part] = child = new JsonObject();
                node = child;
            }
            node[parts[^1]] = value?.DeepClone();
        }
        return (dataJson, layoutJson);
    }

    /// <summary>application/vnd.plotly.v1+json: <c>{"data": […], "layout": {…}}</c>, what plotly's own front-end renderers read.</summary>
    public string ToPlotlyJson()
    {
        var (data, layout) = ToPlotlyObjects();
        return new JsonObject { ["data"] = data, ["layout"] = layout }.ToJsonString(Compact);
    }

    /// <summary>
    /// The figure alone: its &lt;div&gt; and a script that draws it with <c>window.Plotly</c>, or, while the page has no
    /// plotly.js yet, waits for <see cref="PlotlyLibrary.ScriptElement"/> (the div says so until then). It carries no library;
    /// <see cref="ToDisplayHtml"/> adds it for the session's first figure.
    /// </summary>
    public string ToHtml()
    {
        var (data, layout) = ToPlotlyObjects();
        // The default encoder escapes '<', '>' and '&' inside strings, so a label such as "</script>" cannot end the script.
        var html = new StringBuilder();
        html.Append($"<div id=\"{Id}\" class=\"course-figure\" style=\"width: {Chart.Width}px; height: {Chart.Height}px;\">");
        html.Append($"<p class=\"course-figure-waiting\">This chart waits for plotly.js {PlotlyVersion}, which the first chart of the notebook's session carries: run that cell (or the whole notebook).</p></div>\n");
        html.Append("<script type=\"text/javascript\">\n");
        html.Append("(function () {\n");
        html.Append("  // The div is looked up next to this script first, so that a figure displayed twice (same id) draws in both outputs.\n");
        html.Append("  var here = document.currentScript && document.currentScript.parentNode;\n");
        html.Append($"  var target = (here && here.querySelector && here.querySelector('div[id=\"{Id}\"]')) || document.getElementById('{Id}');\n");
        html.Append("  var draw = function (Plotly) {\n");
        html.Append("    var waiting = target.querySelector('.course-figure-waiting');\n");
        html.Append("    if (waiting) target.removeChild(waiting);\n");
        html.Append("    var data = ").Append(data.ToJsonString(Compact)).Append(";\n");
        html.Append("    var layout = ").Append(layout.ToJsonString(Compact)).Append(";\n");
        html.Append("    Plotly.newPlot(target, data, layout);\n");
        html.Append("  };\n");
        html.Append("  if (window.Plotly) { draw(window.Plotly); return; }\n");
        html.Append("  (window.courseFigures = window.courseFigures || []).push(draw);\n");
        html.Append("})();\n");
        html.Append("</script>");
        return html.ToString();
    }

    /// <summary>
    /// text/html as a notebook shows the figure: <see cref="ToHtml"/>, preceded by <see cref="PlotlyLibrary.ScriptElement"/>
    /// when this is the first figure displayed in this process (the kernel session). Later figures reuse that copy, so an
    /// executed notebook holds the library once, whatever its number of charts.
    /// </summary>
    public string ToDisplayHtml() =>
        PlotlyLibrary.TakeFirstUseInSession() ? PlotlyLibrary.ScriptElement + "\n" + ToHtml() : ToHtml();

    /// <summary>Saves the figure as a standalone HTML page that carries plotly.js (about 4.6 MB) and so opens offline.</summary>
    /// <param name="path">The .html file to write.</param>
    /// <param name="overwrite">Replace an existing file; default false.</param>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    public void SaveHtml(string path, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (File.Exists(path) && !overwrite)
            throw new IOException($"'{Path.GetFullPath(path)}' already exists; pass overwrite: true to replace it.");
        string page = "<!DOCTYPE html>\n<html>\n<head><meta charset=\"UTF-8\" /><title>" + HtmlEncoder.Default.Encode(Title ?? "figure") +
                      "</title>\n" + PlotlyLibrary.ScriptElement + "\n</head>\n<body>\n" + ToHtml() + "\n</body>\n</html>\n";
        File.WriteAllText(path, page, new UTF8Encoding(false));
    }

    public override string ToString() => $"Figure '{Title ?? Id}' ({Chart.Width}×{Chart.Height}px, plotly.js {PlotlyVersion})";
}
