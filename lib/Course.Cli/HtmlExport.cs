using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Course.Notebooks.Documents;
using Course.Plots;
using Markdig;

namespace Course.Cli;

/// <summary>
/// An executed notebook as one self-contained HTML page that reads offline: markdown rendered by Markdig with its math
/// typeset by KaTeX (embedded with its fonts), code cells, their outputs (HTML as it is, images inline, text, errors),
/// and the charts drawn by the plotly.js the figures carry, or the library's embedded copy when no output carries it.
/// Nothing on the page is loaded from the network.
/// </summary>
public static partial class HtmlExport
{
    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>The page for <paramref name="notebook"/>; <paramref name="name"/> titles it when no markdown heading does.</summary>
    public static string Page(Notebook notebook, string name)
    {
        var body = new StringBuilder();
        int number = 0;
        foreach (var cell in notebook.Cells)
        {
            number++;
            switch (cell.Kind)
            {
                case CellKind.Markdown:
                    body.Append($"<section class=\"cell markdown\" id=\"cell-{number}\">\n").Append(MarkdownToHtml(cell.Source)).Append("</section>\n");
                    break;
                case CellKind.Raw:
                    body.Append($"<section class=\"cell raw\" id=\"cell-{number}\"><pre>{Encode(cell.Source)}</pre></section>\n");
                    break;
                default:
                    body.Append($"<section class=\"cell code\" id=\"cell-{number}\">\n");
                    string count = cell.ExecutionCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? " ";
                    body.Append($"<div class=\"prompt\">In [{count}]:</div><pre class=\"source\"><code>{Encode(cell.Source)}</code></pre>\n");
                    foreach (var output in cell.Outputs) body.Append(Output(output)).Append('\n');
                    body.Append("</section>\n");
                    break;
            }
        }

        string html = body.ToString();
        bool hasCharts = html.Contains("Plotly.newPlot", StringComparison.Ordinal);
        bool carriesPlotly = html.Contains(PlotlyLibrary.MarkerAttribute + "=", StringComparison.Ordinal);
        string title = notebook.Cells.Where(c => c.Kind == CellKind.Markdown)
            .Select(c => Regex.Match(c.Source, @"^#\s+(?<title>.+)$", RegexOptions.Multiline)).FirstOrDefault(m => m.Success)?.Groups["title"].Value.Trim()
            ?? name;

        var page = new StringBuilder(html.Length + 800_000);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\" />\n");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        page.Append($"<title>{Encode(title)}</title>\n");
        page.Append("<style>\n").Append(Katex.Css).Append("\n</style>\n");
        page.Append("<style>\n").Append(PageCss).Append("</style>\n");
        page.Append("<script>\n").Append(Katex.Script).Append("\n</script>\n");
        // The figures of an executed notebook carry plotly.js in their session's first chart; a notebook run elsewhere
        // may not, so the page brings the library's own copy (figures wait for it, whatever the order).
        if (hasCharts && !carriesPlotly) page.Append(PlotlyLibrary.ScriptElement).Append('\n');
        page.Append("</head>\n<body>\n<main>\n").Append(html).Append("</main>\n");
        page.Append("<script>\n").Append(MathRenderer).Append("</script>\n</body>\n</html>\n");
        return page.ToString();
    }

    static string Output(CellOutput output) => output switch
    {
        StreamOutput stream => $"<pre class=\"output stream {Encode(stream.Name)}\">{Encode(stream.Text)}</pre>",
        ErrorOutput error => $"<pre class=\"output error\">{Encode(Ansi().Replace(string.Join("\n", new[] { $"{error.Name}: {error.Value}" }.Concat(error.Traceback)), ""))}</pre>",
        DisplayOutput display => Display(display),
        _ => "",
    };

    static string Display(DisplayOutput display)
    {
        var data = display.Data;
        if (data.TryGetValue("text/html", out var html)) return $"<div class=\"output html\">{html}</div>";
        if (data.TryGetValue("image/svg+xml", out var svg)) return $"<div class=\"output image\">{svg}</div>";
        foreach (var image in new[] { "image/png", "image/jpeg", "image/gif" })
            if (data.TryGetValue(image, out var base64))
                return $"<div class=\"output image\"><img src=\"data:{image};base64,{Regex.Replace(base64, @"\s", "")}\" alt=\"output image\" /></div>";
        if (data.TryGetValue("text/markdown", out var markdown))
            return $"<div class=\"output markdown\">{MarkdownToHtml(markdown)}</div>";
        if (data.TryGetValue("text/plain", out var text)) return $"<pre class=\"output text\">{Encode(text)}</pre>";
        return $"<pre class=\"output text\">({Encode(string.Join(", ", data.Keys))})</pre>";
    }

    /// <summary>Markdown as Jupyter shows it: a line that is only <c>$$…$$</c> is display math there, so it becomes a
    /// Markdig math block (Markdig would read it as inline math).</summary>
    static string MarkdownToHtml(string markdown) =>
        Markdig.Markdown.ToHtml(DisplayMathLine().Replace(markdown.Replace("\r\n", "\n"), "$$$$\n${tex}\n$$$$"), Markdown);

    [GeneratedRegex(@"^[ \t]*\$\$(?<tex>[^\n]+?)\$\$[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DisplayMathLine();

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();

    // Markdig writes $…$ as <span class="math">\(…\)</span>, $$…$$ inside a paragraph as <span class="math">\[…\]</span>
    // and a $$ block on lines of its own as <div class="math">\[…\]</div>; \[ means display math.
    const string MathRenderer = """
        (function () {
          var nodes = document.querySelectorAll('main .markdown .math');
          for (var i = 0; i < nodes.length; i++) {
            var node = nodes[i], display = node.tagName === 'DIV' || /^\s*\\\[/.test(node.textContent);
            var tex = node.textContent.replace(/^\s*\\[\(\[]/, '').replace(/\\[\)\]]\s*$/, '');
            try { katex.render(tex, node, { displayMode: display, throwOnError: false }); }
            catch (e) { node.setAttribute('title', String(e)); }
          }
        })();

        """;

    const string PageCss = """
        body { margin: 0; background: #fff; color: #1f2328; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; }
        main { max-width: 980px; margin: 0 auto; padding: 24px 20px 80px; }
        .cell { margin: 14px 0; }
        .prompt { color: #6e7781; font: 12px ui-monospace, monospace; margin-bottom: 2px; }
        pre { overflow-x: auto; padding: 10px 12px; border-radius: 6px; font: 13.5px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; margin: 4px 0; }
        pre.source { background: #f6f8fa; border: 1px solid #d0d7de; }
        pre.output { background: #fff; border-left: 3px solid #d0d7de; white-space: pre-wrap; }
        pre.stderr { border-left-color: #d4a72c; background: #fff8e5; }
        pre.error { border-left-color: #cf222e; background: #ffebe9; }
        .output.html { overflow-x: auto; margin: 6px 0; }
        .markdown table { border-collapse: collapse; }
        .markdown th, .markdown td { border: 1px solid #d0d7de; padding: 4px 10px; }
        .markdown code { background: #f6f8fa; padding: 1px 4px; border-radius: 4px; }
        .markdown .math { overflow-x: auto; }

        """;

    /// <summary>KaTeX 0.16.22 from data/katex (embedded in this assembly, checked by SHA-256), its fonts inlined as data: URLs.</summary>
    static class Katex
    {
        static readonly System.Reflection.Assembly Here = typeof(HtmlExport).Assembly;

        public static string Script => script.Value;
        public static string Css => css.Value;

        static readonly Lazy<string> script = new(() =>
        {
            string js = VendoredFile.ReadText(Here, "katex.min.js");
            if (js.Contains("</script", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("The embedded katex.min.js contains '</script' and cannot be inlined.");
            return js;
        });

        static readonly Lazy<string> css = new(() =>
        {
            // Each @font-face lists woff2, woff and ttf files; the page keeps only the woff2 one, as a data: URL.
            string text = VendoredFile.ReadText(Here, "katex.min.css");
            string inlined = Regex.Replace(text, @"src:url\(fonts/(?<file>[^)]+\.woff2)\) format\(""woff2""\)(,url\([^)]*\) format\(""[^""]*""\))*",
                m => $"src:url(data:font/woff2;base64,{Convert.ToBase64String(VendoredFile.ReadBytes(Here, "fonts/" + m.Groups["file"].Value))}) format(\"woff2\")");
            if (inlined.Contains("url(fonts/", StringComparison.Ordinal))
                throw new InvalidOperationException("katex.min.css names a font file the export cannot inline (expected only woff2/woff/ttf triples).");
            return inlined;
        });
    }
}
