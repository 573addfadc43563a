using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Course.Tests.Shared;

/// <summary>How the test page hosts the fragments.</summary>
public enum PageKind
{
    /// <summary>The fragments are part of the page's HTML, parsed in order.</summary>
    Plain,
    /// <summary>As Plain, with require.js loaded first, as on a classic Jupyter page.</summary>
    RequireJs,
    /// <summary>As VS Code's notebook renderer shows text/html outputs: each fragment is set as a new element's innerHTML,
    /// attached, and its scripts re-created so they run; one output per second, so later outputs find plotly.js loaded.</summary>
    VsCodeNotebook,
}

/// <summary>What the browser drew for one chart (one Plotly.newPlot target).</summary>
/// <param name="Id">The chart's &lt;div&gt; id.</param>
/// <param name="Found">The &lt;div&gt; exists in the page.</param>
/// <param name="Drawn">plotly.js finished drawing into it (it has a full layout and the js-plotly-plot class).</param>
/// <param name="Traces">Traces plotly.js accepted (its _fullData).</param>
/// <param name="ScatterTraces">Scatter trace groups in the SVG (.scatterlayer .trace).</param>
/// <param name="ScatterLines">Scatter line paths with a non-empty "d" attribute.</param>
/// <param name="ScatterPoints">Scatter marker points drawn (path.point).</param>
/// <param name="ContourTraces">Contour trace groups in the SVG (.contourlayer .contour).</param>
/// <param name="ContourLines">Contour level paths with a non-empty "d" attribute.</param>
/// <param name="Annotations">Annotation groups (.annotation).</param>
/// <param name="AnnotationArrows">Annotation arrows drawn (an .annotation-arrow-g whose shaft path is non-empty).</param>
/// <param name="LegendItems">Legend entries (.legend .traces).</param>
/// <param name="XAxisType">plotly's resolved x axis type ("linear", "log", …).</param>
/// <param name="YAxisType">plotly's resolved y axis type.</param>
/// <param name="Title">The drawn title text (.gtitle).</param>
/// <param name="XTitle">The drawn x axis title.</param>
/// <param name="YTitle">The drawn y axis title.</param>
/// <param name="Text">The &lt;div&gt;'s text when it was not drawn (e.g. a load error message).</param>
/// <param name="XPixelsPerUnit">Screen pixels per unit of the x axis as drawn (its length over its range).</param>
/// <param name="YPixelsPerUnit">The same for the y axis: equal to <paramref name="XPixelsPerUnit"/> when the axes are to scale.</param>
/// <param name="YTickLabels">The y axis's tick labels as drawn.</param>
public sealed record DrawnChart(
    string Id, bool Found, bool Drawn, int Traces, int ScatterTraces, int ScatterLines, int ScatterPoints,
    int ContourTraces, int ContourLines, int Annotations, int AnnotationArrows, int LegendItems,
    string? XAxisType, string? YAxisType, string? Title, string? XTitle, string? YTitle, string? Text,
    double? XPixelsPerUnit = null, double? YPixelsPerUnit = null, IReadOnlyList<string>? YTickLabels = null);

/// <summary>The result of rendering a page: each chart's facts, every script error the page reported, and every request
/// that tried to leave the page's files (Chromium's only way out is a recording proxy that refuses everything).</summary>
public sealed record RenderResult(IReadOnlyList<DrawnChart> Charts, IReadOnlyList<string> Errors, string PagePath)
{
    /// <summary>Requests Chromium sent to the network (through the refusing proxy), e.g. "CONNECT cdn.plot.ly:443 HTTP/1.1",
    /// and resources the page loaded from anything but file: and data: URLs.</summary>
    public IReadOnlyList<string> NetworkRequests { get; init; } = [];

    /// <summary>Elements of class "math" (Markdig's output for $…$ and $$…$$), those KaTeX typeset (.katex inside them), and
    /// KaTeX's error marks (.katex-error): what a page with math shows once its scripts ran.</summary>
    public (int Elements, int Typeset, int Errors) Math { get; init; }

    /// <summary>Requests Chromium made for itself (sign-in, updates), refused like the others but not the page's doing.</summary>
    public IReadOnlyList<string> BrowserServiceRequests { get; init; } = [];

    /// <summary>The chart drawn into the (first) &lt;div&gt; with this id; <see cref="Charts"/> lists every copy of a figure shown twice.</summary>
    public DrawnChart Chart(string id) =>
        Charts.FirstOrDefault(c => c.Id == id) ?? throw new KeyNotFoundException($"No chart with id '{id}' in {PagePath}.");

    /// <summary>One line per script error, per network request and per chart that was not drawn or drew no trace; empty when all is well.
    /// <code>Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));</code></summary>
    public IReadOnlyList<string> Problems =>
        Errors.Select(e => "script error: " + e)
            .Concat(NetworkRequests.Select(r => "network request: " + r))
            .Concat(Charts.Where(c => !c.Found).Select(c => $"chart '{c.Id}': no <div> with this id"))
            .Concat(Charts.Where(c => c.Found && !c.Drawn).Select(c => $"chart '{c.Id}': not drawn ({c.Text})"))
            .Concat(Charts.Where(c => c.Drawn && c.ScatterTraces + c.ContourTraces == 0 && c.Traces == 0).Select(c => $"chart '{c.Id}': drawn without traces"))
            .ToList();
}

/// <summary>
/// Renders HTML fragments that draw plotly charts (a Course.Plots.Figure, or any output with Plotly.newPlot('id', …))
/// in headless Chromium with no network, and reports what was drawn. The fragments must bring their own plotly.js
/// (a notebook's first figure carries it; a test prepends Course.Plots.PlotlyLibrary.ScriptElement). Every request
/// Chromium tries to send goes to a local proxy that records and refuses it, so a page that needs the network fails.
/// Needs /usr/bin/chromium (or $COURSE_CHROMIUM) and, for require.js pages, `npm ci` in tests/browser:
/// scripts/install-test-deps.sh.
/// </summary>
public static class BrowserRender
{
    private const string InstallHint = "Run scripts/install-test-deps.sh (as root) to install Chromium and the pinned plotly.js.";
    // A chart's div: a Course.Plots.Figure's <div id="…" class="course-figure">, or the target of Plotly.newPlot('…') in other output.
    private static readonly Regex ChartDiv = new(@"<div id=""(?<id>[^""]+)"" class=""course-figure""|Plotly\.newPlot\(\s*'(?<id>[^']+)'");

    /// <summary>The repository root: $COURSE_REPO_ROOT, else found from this source file's path or by walking up to Course.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>tests/browser/node_modules/plotly.js-dist-min/plotly.min.js: the npm package as `npm ci` installed it (checked
    /// against package-lock.json's integrity), to compare with the copy the library embeds.</summary>
    public static string PlotlyPath => Path.Combine(RepositoryRoot, "tests", "browser", "node_modules", "plotly.js-dist-min", "plotly.min.js");

    /// <summary>tests/browser/node_modules/requirejs/require.js (to render as a require.js page such as classic Jupyter).</summary>
    public static string RequireJsPath => Path.Combine(RepositoryRoot, "tests", "browser", "node_modules", "requirejs", "require.js");

    /// <summary>$COURSE_CHROMIUM, or /usr/bin/chromium.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("COURSE_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    /// <summary>The version of the npm-installed plotly.js (from its package.json).</summary>
    public static string PlotlyVersion
    {
        get
        {
            if (!File.Exists(PlotlyPath))
                throw new InvalidOperationException($"The pinned plotly.js was not found at '{PlotlyPath}'. {InstallHint}");
            string packageJson = Path.Combine(Path.GetDirectoryName(PlotlyPath)!, "package.json");
            using var doc = JsonDocument.Parse(File.ReadAllText(packageJson));
            return doc.RootElement.GetProperty("version").GetString()!;
        }
    }

    /// <summary>Throws with an explanation when Chromium is missing (the tests never skip silently).</summary>
    public static void RequireTools()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium was not found at '{ChromiumPath}'. {InstallHint}");
    }

    /// <summary>Builds the test page: the fragments in order, an error recorder first and a fact collector last (it writes
    /// JSON into &lt;pre id="course-render-facts"&gt;).</summary>
    /// <param name="fragments">HTML fragments, e.g. each text/html output of an executed notebook.</param>
    /// <param name="kind">How the page hosts the fragments; default <see cref="PageKind.Plain"/>.</param>
    public static string BuildPage(IEnumerable<string> fragments, PageKind kind = PageKind.Plain)
    {
        var list = fragments.ToList();
        var ids = new List<string>();
        var body = new StringBuilder();
        foreach (var fragment in list)
        {
            ids.AddRange(ChartDiv.Matches(fragment).Select(m => m.Groups["id"].Value).Where(id => !ids.Contains(id)));
            body.Append("<section>\n").Append(fragment).Append("\n</section>\n");
        }
        if (kind == PageKind.VsCodeNotebook)
            body.Clear().Append("<div id=\"course-outputs\"></div>\n<script>\n").Append(VsCodeRenderer(list)).Append("</script>\n");

        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\" />\n<title>course render test</title>\n");
        page.Append(ErrorRecorder);
        if (kind == PageKind.RequireJs)
        {
            if (!File.Exists(RequireJsPath))
                throw new InvalidOperationException($"require.js was not found at '{RequireJsPath}'. {InstallHint}");
            page.Append($"<script src=\"{new Uri(RequireJsPath).AbsoluteUri}\"></script>\n");
        }
        page.Append("</head>\n<body>\n").Append(body);
        page.Append("<pre id=\"course-render-facts\" style=\"display: none;\"></pre>\n<script>\n").Append(FactCollector(ids)).Append("</script>\n</body>\n</html>\n");
        return page.ToString();
    }

    private const string ErrorRecorder =
        "<script>window.courseErrors = []; window.addEventListener('error', function (e) { window.courseErrors.push(String(e.message) + ' @ ' + (e.filename || '') + ':' + (e.lineno || '')); });\n" +
        "window.addEventListener('unhandledrejection', function (e) { window.courseErrors.push('unhandled rejection: ' + String(e.reason)); });</script>\n";

    /// <summary>Renders a whole HTML page as it is (e.g. `course convert`'s export) and reports its charts, errors and
    /// requests; the page gets no help: the charts it names must be drawn by what it carries.</summary>
    /// <param name="pagePath">The .html file.</param>
    /// <param name="chartIds">The ids of the chart divs to report on.</param>
    public static RenderResult RenderPage(string pagePath, IReadOnlyList<string> chartIds)
    {
        string dir = Directory.CreateTempSubdirectory("course-render-").FullName;
        try
        {
            // A copy of the page with the error recorder first in its head and the fact collector last in its body.
            string wrapper = Path.Combine(dir, "page.html");
            string original = File.ReadAllText(pagePath);
            int end = original.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
            if (end < 0) throw new InvalidOperationException($"{pagePath} has no </body>.");
            string instrumented = original[..end] + "<pre id=\"course-render-facts\" style=\"display: none;\"></pre>\n<script>\n" +
                                  FactCollector(chartIds) + "</script>\n" + original[end..];
            int head = instrumented.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
            if (head >= 0) instrumented = instrumented.Insert(head + "<head>".Length, "\n" + ErrorRecorder);
            File.WriteAllText(wrapper, instrumented, new UTF8Encoding(false));
            return Collect(dir, wrapper);
        }
        finally { TryDelete(dir); }
    }

    /// <summary>Renders the fragments in headless Chromium and returns what each chart drew.</summary>
    /// <param name="fragments">HTML fragments that draw charts.</param>
    /// <param name="kind">How the page hosts the fragments; default <see cref="PageKind.Plain"/>.</param>
    /// <param name="keepPageAt">If given, the test page is written there and kept (for a failing test to point at);
    /// with $COURSE_RENDER_KEEP set to a folder, every page is kept in that folder.</param>
    public static RenderResult Render(IEnumerable<string> fragments, PageKind kind = PageKind.Plain, string? keepPageAt = null)
    {
        string page = BuildPage(fragments, kind);
        if (keepPageAt is null && Environment.GetEnvironmentVariable("COURSE_RENDER_KEEP") is { Length: > 0 } keepDir)
        {
            Directory.CreateDirectory(keepDir);
            keepPageAt = Path.Combine(keepDir, $"page-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid():N}.html"[..30] + ".html");
        }
        string dir = Directory.CreateTempSubdirectory("course-render-").FullName;
        string pagePath = keepPageAt ?? Path.Combine(dir, "page.html");
        File.WriteAllText(pagePath, page, new UTF8Encoding(false));
        try { return Collect(dir, pagePath); }
        finally { TryDelete(dir); } // the profile, and the page unless it was kept elsewhere
    }

    private static RenderResult Collect(string dir, string pagePath)
    {
        var (dom, requests) = RunChromium(dir, "--dump-dom", new Uri(Path.GetFullPath(pagePath)).AbsoluteUri);
        var match = Regex.Match(dom, "<pre id=\"course-render-facts\"[^>]*>(?<json>.*?)</pre>", RegexOptions.Singleline);
        if (!match.Success || match.Groups["json"].Value.Length == 0)
            throw new InvalidOperationException(
                $"Chromium did not finish the page {pagePath} (no facts were written). First 2000 characters of the DOM:\n" +
                dom[..Math.Min(2000, dom.Length)]);
        var facts = JsonSerializer.Deserialize<Facts>(WebUtility.HtmlDecode(match.Groups["json"].Value),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        var offPage = facts.Resources.Where(r => !r.StartsWith("file:", StringComparison.Ordinal) && !r.StartsWith("data:", StringComparison.Ordinal));
        return new RenderResult(facts.Charts, facts.Errors, pagePath)
        {
            Math = (facts.MathElements, facts.MathTypeset, facts.MathErrors),
            NetworkRequests = [.. requests.Where(r => !IsBrowserService(r)), .. offPage],
            BrowserServiceRequests = requests.Where(IsBrowserService).ToList(),
        };
    }

    // Chromium's own calls home (sign-in, component updates, network time) that the flags do not all stop; the proxy
    // refuses them like any other, and they are reported apart because no page asked for them.
    private static readonly string[] BrowserServiceHosts =
        ["accounts.google.com", "update.googleapis.com", "clients2.google.com", "clients2.googleusercontent.com",
         "redirector.gvt1.com", "edgedl.me.gvt1.com", "optimizationguide-pa.googleapis.com", "content-autofill.googleapis.com"];

    private static bool IsBrowserService(string requestLine)
    {
        var parts = requestLine.Split(' ');
        if (parts.Length < 2) return false;
        string target = parts[1];
        string host = Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.Host : target.Split(':')[0];
        return BrowserServiceHosts.Contains(host, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Renders the fragments and saves a PNG screenshot of the page.</summary>
    public static void Screenshot(IEnumerable<string> fragments, string pngPath, int width = 1000, int height = 620)
    {
        string dir = Directory.CreateTempSubdirectory("course-shot-").FullName;
        string pagePath = Path.Combine(dir, "page.html");
        File.WriteAllText(pagePath, BuildPage(fragments), new UTF8Encoding(false));
        try
        {
            _ = RunChromium(dir, $"--screenshot={Path.GetFullPath(pngPath)}", $"--window-size={width},{height}", "--hide-scrollbars",
                new Uri(pagePath).AbsoluteUri);
            if (!File.Exists(pngPath))
                throw new InvalidOperationException($"Chromium did not write the screenshot {pngPath}.");
        }
        finally { TryDelete(dir); }
    }

    // Runs Chromium with every request sent to a local proxy that records its first line and refuses it; returns stdout
    // and the recorded requests.
    private static (string Stdout, IReadOnlyList<string> Requests) RunChromium(string workDir, params string[] args)
    {
        RequireTools();
        using var proxy = new RefusingProxy();
        var start = new ProcessStartInfo(ChromiumPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--allow-file-access-from-files",
                     // the browser's own services (sign-in, updates, metrics), which would otherwise call Google's servers
                     "--disable-extensions", "--disable-default-apps", "--disable-domain-reliability", "--no-pings",
                     "--disable-client-side-phishing-detection", "--disable-breakpad", "--metrics-recording-only",
                     "--no-service-autorun", "--password-store=basic", "--use-mock-keychain",
                     "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,DialMediaRouteProvider,AcceptCHFrame,SafeBrowsing,NetworkTimeServiceQuerying,SignInProfileCreation,ChromeSignin",
                     // no network: every request (loopback included) goes to the refusing proxy
                     $"--proxy-server=http://127.0.0.1:{proxy.Port}", "--proxy-bypass-list=<-loopback>",
                     $"--user-data-dir={Path.Combine(workDir, "profile")}", "--virtual-time-budget=30000",
                 })
            start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {ChromiumPath}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(180)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Chromium did not finish within 180 s: {ChromiumPath} {string.Join(' ', start.ArgumentList)}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"Chromium exited with code {process.ExitCode}: {stderr.Result}");
        return (stdout.Result, proxy.Requests);
    }

    /// <summary>An HTTP proxy on 127.0.0.1 that answers every request with 403 and remembers its request line.</summary>
    private sealed class RefusingProxy : IDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<string> _requests = [];
        private readonly CancellationTokenSource _stop = new();

        public RefusingProxy()
        {
            _listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public IReadOnlyList<string> Requests { get { lock (_requests) return _requests.ToList(); } }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                System.Net.Sockets.TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (Exception) { return; }
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        try
                        {
                            var stream = client.GetStream();
                            var reader = new StreamReader(stream, Encoding.ASCII);
                            string line = await reader.ReadLineAsync(_stop.Token) ?? "(connection without a request line)";
                            lock (_requests) _requests.Add(line);
                            var refusal = Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                            await stream.WriteAsync(refusal, _stop.Token);
                        }
                        catch (Exception) { /* the browser gave up first */ }
                    }
                });
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }

    // Shows each fragment the way VS Code's built-in notebook renderer shows a text/html output: innerHTML on a new
    // element, the element attached, then every <script> replaced by a fresh one with the same text so that it runs.
    private static string VsCodeRenderer(IReadOnlyList<string> outputs) =>
        "(function () {\n" +
        $"  var outputs = {JsonSerializer.Serialize(outputs)};\n" + // the default encoder escapes '<', so no '</script>' here
        "  var container = document.getElementById('course-outputs');\n" +
        "  window.courseOutputsPending = outputs.length;\n" + // the fact collector waits for every output
        "  var show = function (i) {\n" +
        "    if (i >= outputs.length) return;\n" +
        "    var element = document.createElement('div');\n" +
        "    element.innerHTML = outputs[i];\n" +
        "    container.appendChild(element);\n" +
        "    Array.prototype.slice.call(element.getElementsByTagName('script')).forEach(function (node) {\n" +
        "      var script = document.createElement('script');\n" +
        "      script.text = node.innerText;\n" +
        "      ['type', 'src', 'nonce', 'noModule', 'async'].forEach(function (key) { var v = node[key] || node.getAttribute(key); if (v) script.setAttribute(key, v); });\n" +
        "      element.appendChild(script).parentNode.removeChild(script);\n" +
        "    });\n" +
        "    window.courseOutputsPending--;\n" +
        "    setTimeout(function () { show(i + 1); }, 1000);\n" +
        "  };\n" +
        "  show(0);\n" +
        "})();\n";

    // Waits (in the page's virtual time) until every chart is drawn or 20 s have passed, then writes the facts.
    private static string FactCollector(IReadOnlyList<string> ids) =>
        "(function () {\n" +
        $"  var ids = {JsonSerializer.Serialize(ids)};\n" +
        "  var count = function (root, selector, needsPath) {\n" +
        "    var found = root.querySelectorAll(selector), n = 0;\n" +
        "    for (var i = 0; i < found.length; i++) { var d = found[i].getAttribute('d'); if (!needsPath || (d && d.length > 1 && d !== 'M0,0Z')) n++; }\n" +
        "    return n; };\n" +
        "  var text = function (root, selector) { var e = root.querySelector(selector); return e ? e.textContent : null; };\n" +
        "  var drawn = function (div) { return !!(div && div._fullLayout && div.classList.contains('js-plotly-plot') && div.querySelector('.main-svg')); };\n" +
        "  var started = Date.now();\n" +
        "  var collect = function () {\n" +
        "    var elements = function (id) { return Array.prototype.slice.call(document.querySelectorAll('div[id=\"' + id + '\"]')); };\n" +
        "    var pending = ids.filter(function (id) { var all = elements(id); return all.length === 0 || !all.every(drawn); });\n" +
        "    var waiting = pending.length > 0 || window.courseOutputsPending > 0;\n" +
        "    if (waiting && Date.now() - started < 20000) { setTimeout(collect, 100); return; }\n" +
        "    var charts = [];\n" +
        "    ids.forEach(function (id) {\n" +
        "      var all = elements(id);\n" +
        "      if (all.length === 0) { charts.push({ id: id, found: false, drawn: false }); return; }\n" +
        "      all.forEach(function (div) {\n" +
        "        var fl = div._fullLayout || {};\n" +
        "        charts.push({ id: id, found: true, drawn: drawn(div), traces: (div._fullData || []).length,\n" +
        "          scatterTraces: count(div, '.scatterlayer .trace', false), scatterLines: count(div, '.scatterlayer .js-line', true),\n" +
        "          scatterPoints: count(div, '.scatterlayer path.point', false),\n" +
        "          contourTraces: count(div, '.contourlayer .contour', false), contourLines: count(div, '.contourlayer .contourlevel path', true),\n" +
        "          annotations: count(div, '.annotation', false), annotationArrows: count(div, '.annotation-arrow-g path:first-child', true),\n" +
        "          legendItems: count(div, '.legend .traces', false),\n" +
        "          xAxisType: fl.xaxis ? fl.xaxis.type : null, yAxisType: fl.yaxis ? fl.yaxis.type : null,\n" +
        "          title: text(div, '.gtitle'), xTitle: text(div, '.xtitle'), yTitle: text(div, '.ytitle'),\n" +
        "          xPixelsPerUnit: fl.xaxis && fl.xaxis.range ? fl.xaxis._length / Math.abs(fl.xaxis.range[1] - fl.xaxis.range[0]) : null,\n" +
        "          yPixelsPerUnit: fl.yaxis && fl.yaxis.range ? fl.yaxis._length / Math.abs(fl.yaxis.range[1] - fl.yaxis.range[0]) : null,\n" +
        "          yTickLabels: Array.prototype.map.call(div.querySelectorAll('.ytick text'), function (t) { return t.textContent; }),\n" +
        "          text: drawn(div) ? null : div.textContent });\n" +
        "      });\n" +
        "    });\n" +
        "    var resources = (performance.getEntriesByType('resource') || []).map(function (r) { return r.name; });\n" +
        "    document.getElementById('course-render-facts').textContent = JSON.stringify({ charts: charts, errors: window.courseErrors, resources: resources,\n" +
        "      mathElements: document.querySelectorAll('.math').length, mathTypeset: document.querySelectorAll('.math .katex').length,\n" +
        "      mathErrors: document.querySelectorAll('.katex-error').length });\n" +
        "  };\n" +
        "  setTimeout(collect, 50);\n" +
        "})();\n";

    private sealed record Facts(List<DrawnChart> Charts, List<string> Errors, List<string> Resources, int MathElements, int MathTypeset, int MathErrors);

    private static string FindRepositoryRoot()
    {
        if (Environment.GetEnvironmentVariable("COURSE_REPO_ROOT") is { Length: > 0 } fromEnv) return fromEnv;
        string fromSource = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(SourcePath())!, "..", ".."));
        if (File.Exists(Path.Combine(fromSource, "Course.sln"))) return fromSource;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        throw new InvalidOperationException("Could not find the repository root (Course.sln); set COURSE_REPO_ROOT.");
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;

    private static void TryDelete(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (IOException) { /* a Chromium helper may still hold the profile; the temp folder is cleaned later */ }
        catch (UnauthorizedAccessException) { }
    }
}
