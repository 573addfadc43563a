using System.Text;

namespace Course.Plots;

/// <summary>
/// plotly.js <see cref="Version"/> as this library ships it: the file plotly.min.js of the npm package
/// plotly.js-dist-min (data/plotly, MIT license in data/plotly/LICENSE), embedded in Course.dll and checked by SHA-256.
/// A notebook receives it once per kernel session, in the first figure it displays, as plotly.py's offline notebook
/// mode does; every later figure draws with that copy (see <see cref="Figure.ToDisplayHtml"/>).
/// </summary>
public static class PlotlyLibrary
{
    /// <summary>The plotly.js release the figures are drawn with (its 2.x line still reads the string titles XPlot.Plotly 4.1.0 writes).</summary>
    public const string Version = "2.35.2";

    /// <summary>The attribute that marks the &lt;script&gt; element carrying the library: data-course-plotly="2.35.2".</summary>
    public const string MarkerAttribute = "data-course-plotly";

    private static readonly Lazy<string> source = new(() => VendoredFile.ReadText(typeof(PlotlyLibrary).Assembly, "plotly.min.js"));
    private static readonly Lazy<string> scriptElement = new(BuildScriptElement);
    private static int sentInThisSession;

    /// <summary>plotly.min.js as published on npm (about 4.6 MB), checked against data/plotly/SHA256SUMS.</summary>
    public static string Source => source.Value;

    /// <summary>
    /// A &lt;script&gt; element that defines <c>window.Plotly</c> from the embedded copy (unless the page has one), also as the
    /// require.js module "plotly" on pages with require.js (classic Jupyter), and then draws every figure that was waiting for it.
    /// </summary>
    public static string ScriptElement => scriptElement.Value;

    /// <summary>True the first time it is called in this process (one kernel session), false after: whether a displayed figure must carry the library.</summary>
    internal static bool TakeFirstUseInSession() => Interlocked.Exchange(ref sentInThisSession, 1) == 0;

    /// <summary>Makes the next displayed figure carry the library again (for tests that play several sessions in one process).</summary>
    internal static void ResetSession() => Interlocked.Exchange(ref sentInThisSession, 0);

    private static string BuildScriptElement()
    {
        string plotly = Source;
        // The library is put into the page as it is; it must not contain what would end the script element early.
        if (plotly.Contains("</script", StringComparison.OrdinalIgnoreCase) || plotly.Contains("<!--", StringComparison.Ordinal))
            throw new InvalidOperationException("The embedded plotly.js contains '</script' or '<!--' and cannot be inlined in a <script> element.");
        var html = new StringBuilder(plotly.Length + 1200);
        html.Append($"<script type=\"text/javascript\" {MarkerAttribute}=\"{Version}\">\n");
        html.Append("(function () {\n");
        html.Append("  if (!window.Plotly) {\n");
        html.Append("    // With define, module and exports hidden, plotly.js's UMD header sets window.Plotly (on a require.js page it would\n");
        html.Append("    // otherwise call an anonymous define(), which require.js rejects outside a module file).\n");
        html.Append("    (function (define, module, exports) {\n");
        html.Append(plotly).Append('\n');
        html.Append("    }).call(window, undefined, undefined, undefined);\n");
        html.Append("  }\n");
        html.Append("  if (typeof window.define === 'function' && window.define.amd && !(window.requirejs && window.requirejs.defined && window.requirejs.defined('plotly'))) {\n");
        html.Append("    window.define('plotly', [], function () { return window.Plotly; });\n");
        html.Append("  }\n");
        html.Append("  var waiting = window.courseFigures || [];\n");
        html.Append("  window.courseFigures = [];\n");
        html.Append("  waiting.forEach(function (draw) { draw(window.Plotly); });\n");
        html.Append("})();\n");
        html.Append("</script>");
        return html.ToString();
    }
}
