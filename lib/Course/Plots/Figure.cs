using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using XPlot.Plotly;

namespace Course.Plots;

/// <summary>
/// A chart that a notebook shows inline: it wraps an XPlot <see cref="PlotlyChart"/> (exposed as
/// <see cref="Chart"/> so you can still tweak it) and implements <see cref="IHtmlContent"/>, which
/// Polyglot Notebooks and the course engine write out as raw HTML when a cell ends with a figure.
/// The HTML is one &lt;div&gt; with a unique id plus a script that loads plotly.js
/// <see cref="PlotlyVersion"/> from <see cref="PlotlyCdnUrl"/> once per page (through require.js
/// when the page has it, as classic Jupyter does; with a &lt;script&gt; tag otherwise, as in VS Code)
/// and then draws the chart with Plotly.newPlot.
/// </summary>
public sealed class Figure : IHtmlContent
{
    /// <summary>The plotly.js release the figures are drawn with (its 2.x line still reads
    /// the string titles that XPlot.Plotly 4.1.0 writes).</summary>
    public const string PlotlyVersion = "2.35.2";

    /// <summary>Where the figure's script loads plotly.js from.</summary>
    public const string PlotlyCdnUrl = "https://cdn.plot.ly/plotly-" + PlotlyVersion + ".min.js";

    private readonly IReadOnlyList<string> _layoutStatements;

    /// <summary>Wraps an XPlot chart.</summary>
    /// <param name="chart">The chart to draw; its Width and Height size the &lt;div&gt;.</param>
    /// <param name="id">The &lt;div&gt; id; default "course-figure-" followed by a new GUID, so that
    /// every figure on a page is drawn into its own element.</param>
    public Figure(PlotlyChart chart, string? id = null) : this(chart, id, Array.Empty<string>()) { }

    // layoutStatements: JavaScript statements run on the serialized layout before drawing, for
    // plotly.js settings XPlot 4.1.0 has no property for (e.g. equal axis scales).
    internal Figure(PlotlyChart chart, string? id, IReadOnlyList<string> layoutStatements)
    {
        ArgumentNullException.ThrowIfNull(chart);
        id ??= "course-figure-" + Guid.NewGuid().ToString("N");
        if (id.Length == 0 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException($"Figure id '{id}' must be non-empty and use only ASCII letters, digits, '-' and '_'.", nameof(id));
        Chart = chart;
        Id = id;
        _layoutStatements = layoutStatements;
    }

    /// <summary>The XPlot chart being shown: change its layout or size before displaying the figure.</summary>
    public PlotlyChart Chart { get; }

    /// <summary>The id of the &lt;div&gt; the chart is drawn into.</summary>
    public string Id { get; }

    /// <summary>The HTML fragment a notebook displays (the same text <see cref="WriteTo"/> writes).</summary>
    public string ToHtml()
    {
        Chart.WithId(Id);
        // XPlot's own "var data = …; var layout = …; Plotly.newPlot('id', …)", drawing into the element found below.
        // A label such as "</script>" must not end the script element early, so "</" becomes the equivalent "<\/".
        string newPlotById = $"Plotly.newPlot('{Id}'";
        string plotting = Chart.GetPlottingJS().Replace("</", "<\\/");
        if (!plotting.Contains(newPlotById))
            throw new InvalidOperationException($"XPlot's script no longer contains {newPlotById}: {plotting}");
        string tweaks = string.Concat(_layoutStatements.Select(s => s + "\n      "));
        plotting = plotting.Replace(newPlotById, tweaks + "Plotly.newPlot(target");

        var html = new StringBuilder();
        html.Append($"<div id=\"{Id}\" class=\"course-figure\" style=\"width: {Chart.Width}px; height: {Chart.Height}px;\"></div>\n");
        html.Append("<script type=\"text/javascript\">\n");
        html.Append("(function () {\n");
        html.Append($"  var src = '{PlotlyCdnUrl}';\n");
        html.Append("  // The div is looked up next to this script first, so that a figure displayed twice (same id) draws in both outputs.\n");
        html.Append("  var here = document.currentScript && document.currentScript.parentNode;\n");
        html.Append($"  var target = (here && here.querySelector && here.querySelector('div[id=\"{Id}\"]')) || document.getElementById('{Id}');\n");
        html.Append("  var draw = function (Plotly) {\n");
        html.Append("      ").Append(plotting).Append('\n');
        html.Append("  };\n");
        html.Append("  if (window.Plotly) { draw(window.Plotly); return; }\n");
        html.Append("  // Pages with require.js (classic Jupyter): plotly.js registers itself as an AMD module there.\n");
        html.Append("  if (typeof window.requirejs === 'function' && typeof window.requirejs.config === 'function') {\n");
        html.Append($"    window.requirejs.config({{ context: 'course-plotly-{PlotlyVersion}', paths: {{ plotly: src.replace(/\\.js$/, '') }} }})(['plotly'], draw);\n");
        html.Append("    return;\n");
        html.Append("  }\n");
        html.Append("  // Other pages (VS Code notebooks): one <script> tag, shared by every figure on the page.\n");
        html.Append("  window.courseLoadPlotly = window.courseLoadPlotly || new Promise(function (resolve, reject) {\n");
        html.Append("    var script = document.createElement('script');\n");
        html.Append("    script.src = src;\n");
        html.Append("    script.onload = function () { resolve(window.Plotly); };\n");
        html.Append("    script.onerror = function () { reject(new Error('Could not load plotly.js from ' + src)); };\n");
        html.Append("    document.head.appendChild(script);\n");
        html.Append("  });\n");
        html.Append("  window.courseLoadPlotly.then(draw, function (error) { target.textContent = error.message; });\n");
        html.Append("})();\n");
        html.Append("</script>");
        return html.ToString();
    }

    /// <summary>Writes <see cref="ToHtml"/>; the encoder is not used because the text is already HTML.</summary>
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(ToHtml());
    }

    /// <summary>Saves the figure as a standalone HTML page (it still loads plotly.js from the CDN).</summary>
    /// <param name="path">The .html file to write.</param>
    /// <param name="overwrite">Replace an existing file; default false.</param>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    public void SaveHtml(string path, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (File.Exists(path) && !overwrite)
            throw new IOException($"'{Path.GetFullPath(path)}' already exists; pass overwrite: true to replace it.");
        string page = "<!DOCTYPE html>\n<html>\n<head><meta charset=\"UTF-8\" /><title>" + HtmlEncoder.Default.Encode(Title ?? "figure") +
                      "</title></head>\n<body>\n" + ToHtml() + "\n</body>\n</html>\n";
        File.WriteAllText(path, page, new UTF8Encoding(false));
    }

    /// <summary>The title given by the helper that made the figure (used by ToString and as a saved page's &lt;title&gt;).</summary>
    public string? Title { get; init; }

    public override string ToString() => $"Figure '{Title ?? Id}' ({Chart.Width}×{Chart.Height}px, plotly.js {PlotlyVersion})";
}
