using System.Text.Json.Nodes;

namespace Course.Lessons.Tests;

/// <summary>
/// A real Jupyter front end: Debian's classic Notebook server on 127.0.0.1 with a token, a course notebook opened in
/// headless Chromium (no network but that server), run with the page's own Run All, and its charts drawn by the
/// plotly.js the figures carry; a screenshot of the first chart must show the plot.
/// </summary>
[Trait("Category", "Slow")]   // starts a Jupyter server, a .NET kernel and Chromium
public sealed class JupyterFrontEndTests : IDisposable
{
    readonly CourseWorkspace _workspace = new();

    [Fact]
    public void ClassicNotebook_RunAll_DrawsEveryChartOfNotebook01_AndTheScreenshotShowsThePlot()
    {
        _workspace.CopyNotebooks(CourseFolders.Notebooks, "notebooks");
        using var server = new JupyterServer(_workspace.Root);
        using var page = new DevToolsPage($"127.0.0.1:{server.Port}");
        page.Navigate(server.Url("notebooks/notebooks/01-the-problem-with-gradient-descent.ipynb"));
        page.WaitFor("!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected())",
                     TimeSpan.FromMinutes(3), "document.body.innerText.slice(0, 500)");
        page.Evaluate("Jupyter.notebook.execute_all_cells(), true");

        // Done: every code cell has its execution number, and every figure the outputs hold has been drawn (its SVG).
        const string codeCells = "Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code')";
        const string figures = "Array.from(document.querySelectorAll('.output_area div.course-figure'))";
        page.WaitFor($"{codeCells}.every(c => typeof c.input_prompt_number === 'number') && {figures}.length > 0 && " +
                     $"{figures}.every(f => f.querySelector('svg.main-svg .scatterlayer, svg.main-svg .contourlayer'))",
                     TimeSpan.FromMinutes(8), $"[{codeCells}.map(c => c.input_prompt_number), {figures}.map(f => f.className + ': ' + f.innerText.slice(0, 80))]");

        Assert.Equal(0, page.Evaluate("document.querySelectorAll('.output_area .output_error').length")!.GetValue<int>());
        int charts = page.Evaluate($"{figures}.length")!.GetValue<int>();
        int traces = page.Evaluate($"{figures}.reduce((n, f) => n + f.querySelectorAll('.scatterlayer .trace, .contourlayer .contour').length, 0)")!.GetValue<int>();
        Assert.True(charts >= 1 && traces >= 2 * charts, $"{charts} charts with {traces} traces drawn");

        var box = page.Evaluate($"(() => {{ const f = {figures}[0]; f.scrollIntoView(); const r = f.getBoundingClientRect(); " +
                                "return [r.x, r.y, r.width, r.height]; })()")!.AsArray();
        var clip = (box[0]!.GetValue<double>(), box[1]!.GetValue<double>(), box[2]!.GetValue<double>(), box[3]!.GetValue<double>());
        byte[] png = page.Screenshot(clip);
        // Kept for a look: artifacts/screenshots/ (not committed).
        string screenshots = Path.Combine(CourseFolders.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        File.WriteAllBytes(Path.Combine(screenshots, "jupyter-notebook-01.png"), png);
        var image = PngImage.Decode(png);
        Assert.True(image.Width >= 300 && image.Height >= 200, $"the chart's screenshot is {image.Width}×{image.Height}");
        // The plot, not a blank box or an error text: the palette's first two colours (the two paths, each over 200 pixels),
        // and coloured pixels (contours, paths) over 0.5% of the chart (measured: about 1%; a blank or error box has none).
        int blue = image.Count((0x1f, 0x77, 0xb4)), orange = image.Count((0xff, 0x7f, 0x0e));
        int coloured = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var (r, g, b) = image[x, y];
                if (Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)) > 60) coloured++;
            }
        Assert.True(coloured > image.Width * image.Height / 200 && blue > 200 && orange > 200,
            $"the screenshot of the first chart has {coloured} coloured pixels of {image.Width * image.Height}, {blue} palette blue, {orange} palette orange");
    }

    public void Dispose() => _workspace.Dispose();
}
