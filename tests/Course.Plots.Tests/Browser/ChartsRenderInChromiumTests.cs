using Course.Functions;
using Course.Tests.Shared;

namespace Course.Plots.Tests.Browser;

/// <summary>Every chart helper's HTML, loaded in headless Chromium with no network and the plotly.js the library embeds, draws its traces.</summary>
[Trait("Category", "Slow")]   // browser runs
public class ChartsRenderInChromiumTests
{
    private static readonly Quadratic2D Funnel = Quadratic2D.Funnel;
    private static readonly Point2D Start = new(-8, 1.5);

    private static (string Name, Figure Figure)[] AllHelpers()
    {
        var gd = Trajectories.GradientDescent(Funnel, Start, 0.4, 50);
        var momentum = Trajectories.Momentum(Funnel, Start, 0.1, 0.9, 50);
        var nesterov = Trajectories.Nesterov(Funnel, Start, 0.1, 0.9, 50);
        return new[]
        {
            ("loss", LossCurves.Plot(5, ("momentum 0.9", new[] { 2.3, 0.6, 0.3, 0.15, 0.09 }), ("no momentum", new[] { 2.3, 1.2, 0.7, 0.5, 0.4, 0.3 }))),
            ("contour", ContourPlot.Plot(Funnel, gd, momentum, nesterov)),
            ("distance", DistancePlot.Plot(gd, momentum, nesterov)),
            ("velocity", VelocityPlot.Plot(0.01, 1, new[] { 0.5, 0.9 }, 50)),
            ("nesterov", NesterovDiagram.Plot(Funnel, new Point2D(-6, 1.5), new Point2D(-1.2, 0.8), 0.1, 0.9)),
        };
    }

    // What a notebook's outputs hold: the library once, in front of the first figure.
    private static IEnumerable<string> WithLibrary(IEnumerable<string> figures) => figures.Select((html, i) => i == 0 ? PlotlyLibrary.ScriptElement + "\n" + html : html);

    [Fact]
    public void EveryChartHelper_IsDrawnWithItsTracesTitlesAndAxes()
    {
        var helpers = AllHelpers();
        var result = BrowserRender.Render(WithLibrary(helpers.Select(h => h.Figure.ToHtml())));

        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
        var c = helpers.ToDictionary(h => h.Name, h => result.Chart(h.Figure.Id));
        Assert.All(c, kv => Assert.True(kv.Value.Drawn, $"{kv.Key} was not drawn: {kv.Value}"));

        Assert.Equal((2, 2, 2, "log", "Training loss"), (c["loss"].ScatterTraces, c["loss"].ScatterLines, c["loss"].LegendItems, c["loss"].YAxisType, c["loss"].Title));
        Assert.Equal(("epoch", "loss (log scale)"), (c["loss"].XTitle, c["loss"].YTitle));

        Assert.Equal(1, c["contour"].ContourTraces);
        Assert.True(c["contour"].ContourLines >= 10, $"contour lines drawn: {c["contour"].ContourLines}");
        Assert.Equal(4, c["contour"].ScatterTraces);           // three trajectories and the minimum
        Assert.Equal(3 * 51 + 1, c["contour"].ScatterPoints);

        Assert.Equal((3, 3, "log"), (c["distance"].ScatterTraces, c["distance"].ScatterLines, c["distance"].YAxisType));

        Assert.Equal(4, c["velocity"].ScatterTraces);
        Assert.Equal(4, c["velocity"].LegendItems);
        Assert.Equal(2 * 50, c["velocity"].ScatterPoints);

        // the ellipses at their true shape: one unit as long on both axes
        Assert.Equal(c["contour"].XPixelsPerUnit!.Value, c["contour"].YPixelsPerUnit!.Value, 1e-6 * c["contour"].XPixelsPerUnit!.Value);
        Assert.Equal(c["nesterov"].XPixelsPerUnit!.Value, c["nesterov"].YPixelsPerUnit!.Value, 1e-6 * c["nesterov"].XPixelsPerUnit!.Value);
        // subscripts drawn as subscripts (plotly puts zero-width spaces around them): no "_" or "<sub>" left in the text
        static string? Drawn(string? title) => title?.Replace("\u200b", "");
        Assert.Equal(("x1", "x2"), (Drawn(c["contour"].XTitle), Drawn(c["contour"].YTitle)));
        Assert.Equal("‖θt − θ*‖ (log scale)", Drawn(c["distance"].YTitle));
        // the loss axis spans 2.3 to 0.09: labels at 1, 2 and 5 of each decade, not at every minor tick
        Assert.True(c["loss"].YTickLabels!.Count <= 6, "loss axis labels: " + string.Join(" | ", c["loss"].YTickLabels!));

        Assert.Equal(5, c["nesterov"].Annotations);
        Assert.Equal(5, c["nesterov"].AnnotationArrows);
        Assert.Equal(1, c["nesterov"].ContourTraces);
        Assert.Equal(6, c["nesterov"].ScatterTraces); // five arrow shafts and the two labelled points
    }

    [Fact]
    public void Charts_AreAlsoDrawnOnARequireJsPage_LikeClassicJupyter()
    {
        var helpers = AllHelpers();
        var result = BrowserRender.Render(WithLibrary(helpers.Select(h => h.Figure.ToHtml())), PageKind.RequireJs);

        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
        Assert.All(helpers, h => Assert.True(result.Chart(h.Figure.Id).Drawn, $"{h.Name} was not drawn on the require.js page"));
    }

    [Fact]
    public void Charts_AreDrawnWhenInsertedLikeVsCodeNotebookOutputs_BeforeAndAfterPlotlyHasLoaded()
    {
        // The first output defines plotly.js; the later ones (a second apart) find it defined and draw at once.
        var helpers = AllHelpers();
        var result = BrowserRender.Render(WithLibrary(helpers.Select(h => h.Figure.ToHtml())), PageKind.VsCodeNotebook);

        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
        Assert.All(helpers, h => Assert.True(result.Chart(h.Figure.Id).Drawn, $"{h.Name} was not drawn as a VS Code output"));
        Assert.Equal(4, result.Chart(helpers[1].Figure.Id).ScatterTraces);
        Assert.Equal(5, result.Chart(helpers[4].Figure.Id).AnnotationArrows);
    }

    [Theory]
    [InlineData(PageKind.Plain)]
    [InlineData(PageKind.VsCodeNotebook)]
    public void AFigureDisplayedTwice_IsDrawnInBothOutputs(PageKind kind)
    {
        // A student shows `fig` in one cell and again, retitled, in a later one: both outputs carry the same div id.
        var figure = LossCurves.Plot(2, ("a", new[] { 1.0, 0.5, 0.25 }));
        string first = figure.ToHtml();
        figure.Chart.WithTitle("retitled");
        var result = BrowserRender.Render(WithLibrary(new[] { first, figure.ToHtml() }), kind);

        var copies = result.Charts.Where(c => c.Id == figure.Id).ToList();
        Assert.Equal(2, copies.Count);
        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
        Assert.Equal(new[] { "Training loss", "retitled" }, copies.Select(c => c.Title));
    }

    [Fact]
    public void Harness_ReportsChartsThatWereNotDrawn_AndEveryRequestForTheNetwork()
    {
        // Negative controls, so that the facts above can fail: a figure whose page has no plotly.js keeps its waiting
        // message, a bare Plotly.newPlot raises an error, and a script or image from the CDN is a recorded request.
        var figure = LossCurves.Plot(1, ("a", new[] { 1.0, 0.5 }));
        const string bare = "<div id=\"bare\"></div><script>Plotly.newPlot('bare', [{ y: [1, 2] }], {});</script>";
        const string cdn = "<script src=\"https://cdn.plot.ly/plotly-2.35.2.min.js\"></script><img src=\"http://example.com/x.png\">";

        var result = BrowserRender.Render(new[] { figure.ToHtml(), bare, cdn });

        var missing = result.Chart(figure.Id);
        Assert.True(missing.Found);
        Assert.False(missing.Drawn);
        Assert.StartsWith($"This chart waits for plotly.js {PlotlyLibrary.Version}", missing.Text);
        Assert.False(result.Chart("bare").Drawn);
        Assert.Contains(result.Errors, e => e.Contains("Plotly is not defined"));
        Assert.Contains(result.NetworkRequests, r => r.Contains("cdn.plot.ly"));
        Assert.Contains(result.NetworkRequests, r => r.Contains("example.com"));
        Assert.Contains(result.Problems, p => p.Contains(figure.Id) && p.Contains("waits for plotly.js"));
    }

    [Fact]
    public void AFigureShownBeforeTheLibrary_IsDrawnWhenTheLibraryArrives()
    {
        // Front ends may render outputs out of order (VS Code draws visible outputs first): the figure waits.
        var early = LossCurves.Plot(1, ("a", new[] { 1.0, 0.5 }));
        var late = LossCurves.Plot(1, ("b", new[] { 1.0, 0.25 }));
        var result = BrowserRender.Render(new[] { early.ToHtml(), PlotlyLibrary.ScriptElement + "\n" + late.ToHtml() }, PageKind.VsCodeNotebook);
        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
        Assert.True(result.Chart(early.Id).Drawn && result.Chart(late.Id).Drawn);
    }
}
