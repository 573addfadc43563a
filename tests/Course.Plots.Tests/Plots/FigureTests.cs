using Microsoft.DotNet.Interactive.Formatting;
using XPlot.Plotly;

namespace Course.Plots.Tests.Plots;

public class FigureTests
{
    private static Figure Sample(string label = "a") =>
        new(XPlot.Plotly.Chart.Plot(new Scatter { name = label, x = new[] { 1.0, 2.0 }, y = new[] { 3.0, 4.0 } }));

    [Fact]
    public void Formatter_DisplaysAFigureAsItsOwnHtml_NotAPropertyTable()
    {
        var figure = Sample();
        string html = Formatter.ToDisplayString(figure, "text/html");
        Assert.Equal(figure.ToHtml(), html);
        Assert.StartsWith($"<div id=\"{figure.Id}\"", html);
        Assert.DoesNotContain("<table", html);
    }

    [Fact]
    public void Html_DrawsIntoItsOwnDiv_AndLoadsThePinnedPlotlyFromTheCdnOnce()
    {
        var figure = Sample();
        string html = figure.ToHtml();
        Assert.Contains($"here.querySelector('div[id=\"{figure.Id}\"]')) || document.getElementById('{figure.Id}')", html);
        Assert.Contains("Plotly.newPlot(target, data, layout)", html);
        Assert.Contains($"var src = '{Figure.PlotlyCdnUrl}';", html);
        Assert.Equal("https://cdn.plot.ly/plotly-2.35.2.min.js", Figure.PlotlyCdnUrl);
        Assert.Contains("window.courseLoadPlotly = window.courseLoadPlotly ||", html); // one <script> per page
        Assert.Contains("window.requirejs.config(", html);                            // require.js pages
    }

    [Fact]
    public void Ids_AreUniquePerFigure()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => Sample().Id).ToHashSet();
        Assert.Equal(50, ids.Count);
        Assert.All(ids, id => Assert.Matches("^course-figure-[0-9a-f]{32}$", id));
    }

    [Fact]
    public void Html_IsTheSameEachTimeItIsWritten()
    {
        var figure = Sample();
        var writer = new StringWriter();
        figure.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        Assert.Equal(figure.ToHtml(), writer.ToString());
        Assert.Equal(figure.ToHtml(), figure.ToHtml());
    }

    [Fact]
    public void Label_ContainingScriptEndTag_CannotCloseTheScriptEarly()
    {
        string html = Sample("</script><b>x</b>").ToHtml();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "</script>"));
        Assert.Contains("<\\/script><b>x<\\/b>", html);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("quote'")]
    public void Constructor_IdThatCannotBeUsedInTheScript_Throws(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Figure(XPlot.Plotly.Chart.Plot(new Scatter()), id));
        Assert.Contains($"'{id}'", ex.Message);
    }

    [Fact]
    public void SaveHtml_WritesAPage_ButNeverOverwritesWithoutBeingAsked()
    {
        using var scratch = new ScratchFolder("course-figure-");
        string path = scratch.Write("chart.html", "my notes");
        var figure = Sample();

        var ex = Assert.Throws<IOException>(() => figure.SaveHtml(path));
        Assert.Contains(path, ex.Message);
        Assert.Equal("my notes", File.ReadAllText(path));

        figure.SaveHtml(path, overwrite: true);
        string page = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains(figure.ToHtml(), page);
    }
}
