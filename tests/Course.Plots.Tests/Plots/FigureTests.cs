using System.Text.Json;
using Microsoft.DotNet.Interactive.Formatting;
using XPlot.Plotly;

namespace Course.Plots.Tests.Plots;

/// <summary>The only test class that displays figures (the kernel session's state is the process's), so it runs alone.</summary>
[CollectionDefinition("plotly session", DisableParallelization = true)]
public sealed class PlotlySessionCollection;

[Collection("plotly session")]
public class FigureTests
{
    private static Figure Sample(string label = "a") =>
        new(XPlot.Plotly.Chart.Plot(new Scatter { name = label, x = new[] { 1.0, 2.0 }, y = new[] { 3.0, 4.0 } }));

    [Fact]
    public void Formatter_DisplaysAFigureAsHtmlAndPlotlyJson_NotAPropertyTable()
    {
        var figure = Sample();
        Assert.Equal(new[] { "text/html", "application/vnd.plotly.v1+json" }, Formatter.GetPreferredMimeTypesFor(typeof(Figure)));
        string html = Formatter.ToDisplayString(figure, "text/html");
        Assert.EndsWith(figure.ToHtml(), html);
        Assert.DoesNotContain("<table", html);
        Assert.Equal(figure.ToPlotlyJson(), Formatter.ToDisplayString(figure, "application/vnd.plotly.v1+json"));
    }

    [Fact]
    public void Display_CarriesPlotlyOncePerSession_InTheFirstFigureOnly()
    {
        PlotlyLibrary.ResetSession();
        string first = Formatter.ToDisplayString(Sample(), "text/html");
        var second = Sample();
        string again = Formatter.ToDisplayString(second, "text/html");
        Assert.StartsWith($"<script type=\"text/javascript\" data-course-plotly=\"{PlotlyLibrary.Version}\">", first);
        Assert.Contains(PlotlyLibrary.Source, first);
        Assert.Equal(second.ToHtml(), again);
        Assert.DoesNotContain("data-course-plotly", again);

        PlotlyLibrary.ResetSession(); // a new kernel session
        Assert.Contains("data-course-plotly", Formatter.ToDisplayString(Sample(), "text/html"));
    }

    [Fact]
    public void PlotlyLibrary_IsTheNpmFile_ByteForByte_WithItsLicenseBeside()
    {
        // data/plotly/plotly.min.js is what the dll embeds (the build checks it against SHA256SUMS); the npm package
        // installed by `npm ci` (checked against package-lock.json's sha512) must be the same bytes.
        string npm = File.ReadAllText(Course.Tests.Shared.BrowserRender.PlotlyPath);
        Assert.Equal(npm, PlotlyLibrary.Source);
        Assert.StartsWith("/**\n* plotly.js v2.35.2", PlotlyLibrary.Source);
        Assert.Equal(PlotlyLibrary.Version, Course.Tests.Shared.BrowserRender.PlotlyVersion);
        string data = Path.Combine(Course.Tests.Shared.BrowserRender.RepositoryRoot, "data", "plotly");
        Assert.Contains("MIT", File.ReadAllText(Path.Combine(data, "LICENSE")));
        Assert.Equal("6d21266ce1bd7d9e5ab4e115989c70c20de0382fd973a8f26ab58619eba4d603",
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(PlotlyLibrary.Source))).ToLowerInvariant());
    }

    [Fact]
    public void Html_DrawsIntoItsOwnDiv_WithThePageOrWaitingPlotly_AndNothingFromTheNetwork()
    {
        var figure = Sample();
        string html = figure.ToHtml();
        Assert.Contains($"here.querySelector('div[id=\"{figure.Id}\"]')) || document.getElementById('{figure.Id}')", html);
        Assert.Contains("Plotly.newPlot(target, data, layout)", html);
        Assert.Contains("(window.courseFigures = window.courseFigures || []).push(draw);", html);
        Assert.DoesNotContain("http", html);
        Assert.DoesNotContain("http", PlotlyLibrary.ScriptElement[..500] + PlotlyLibrary.ScriptElement[^800..]);
    }

    [Fact]
    public void PlotlyJson_HoldsTheSameDataAndLayoutAsTheHtml()
    {
        var figure = Sample();
        using var json = JsonDocument.Parse(figure.ToPlotlyJson());
        Assert.Equal(PlotJson.Data(figure).GetRawText(), json.RootElement.GetProperty("data").GetRawText());
        Assert.Equal(PlotJson.Layout(figure).GetRawText(), json.RootElement.GetProperty("layout").GetRawText());
        Assert.Equal(new[] { 3.0, 4.0 }, PlotJson.Numbers(json.RootElement.GetProperty("data")[0].GetProperty("y")));
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
        Assert.Equal(figure.ToHtml(), figure.ToHtml());
    }

    [Fact]
    public void Label_ContainingScriptEndTag_CannotCloseTheScriptEarly()
    {
        string html = Sample("</script><b>x</b>").ToHtml();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "</script>"));
        Assert.Equal("</script><b>x</b>", PlotJson.Data(Sample("</script><b>x</b>"))[0].GetProperty("name").GetString());
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
    public void SaveHtml_WritesAPageThatCarriesPlotly_ButNeverOverwritesWithoutBeingAsked()
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
        Assert.Contains(PlotlyLibrary.ScriptElement, page);
        Assert.Contains(figure.ToHtml(), page);
    }
}
