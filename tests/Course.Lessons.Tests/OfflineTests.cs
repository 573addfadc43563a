using System.Text.Json;
using System.Text.RegularExpressions;
using Course.Notebooks.Documents;

namespace Course.Lessons.Tests;

/// <summary>The committed notebooks meet nbformat 4.5's schema (Jupyter's own validator) and are in the canonical form
/// `course normalize` writes, cell ids included.</summary>
public class CommittedNotebookSchemaTests
{
    static IEnumerable<string> Committed() =>
        Directory.EnumerateFiles(CourseFolders.Notebooks, "*.ipynb").Concat(Directory.EnumerateFiles(CourseFolders.Exercises, "*.ipynb")).Order();

    [Fact]
    public void EveryCommittedNotebook_IsValidNbformat45_WithACellIdOnEveryCell()
    {
        NbformatValidator.AssertValid(Committed());
        foreach (var path in Committed())
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal(5, json.RootElement.GetProperty("nbformat_minor").GetInt32());
            Assert.All(json.RootElement.GetProperty("cells").EnumerateArray(), c => Assert.True(c.TryGetProperty("id", out _), $"{path}: a cell has no id"));
        }
    }

    [Fact]
    public void NormalizeCheck_FindsNotebooksAndExercisesCanonical()
    {
        var result = CourseCli.Run("normalize", "--check", CourseFolders.Notebooks, CourseFolders.Exercises);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("20 of 20 notebook(s) canonical", result.Output);
    }
}

/// <summary>
/// The executed course read offline: every executed notebook is valid nbformat, holds plotly.js once (in its first chart)
/// and each chart also as application/vnd.plotly.v1+json, and its `course convert` HTML page draws every chart and
/// typesets every formula in Chromium with no network.
/// </summary>
[Collection("executed course")]
[Trait("Category", "Slow")]   // runs the whole course, converts and renders it in Chromium
public class ExecutedCourseOfflineTests(ExecutedCourse course)
{
    static readonly Regex ChartDiv = new(@"<div id=""(?<id>course-figure-[0-9a-f]{32})"" class=""course-figure""");

    [Fact]
    public void EveryExecutedNotebook_IsValidNbformat()
    {
        foreach (var name in CourseFolders.NotebookNames()) course.Get(name);
        NbformatValidator.AssertValid(CourseFolders.NotebookNames().Select(n => Path.Combine(course.OutFolder, n + ".ipynb")));
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void ExecutedNotebook_HoldsPlotlyOnce_AndEveryChartAlsoAsPlotlyJson(string name)
    {
        var displays = course.Get(name).Cells.SelectMany(c => c.Outputs).OfType<DisplayOutput>().ToList();
        var charts = displays.Where(d => d.Data.TryGetValue("text/html", out var html) && ChartDiv.IsMatch(html)).ToList();
        Assert.NotEmpty(charts);
        string file = File.ReadAllText(Path.Combine(course.OutFolder, name + ".ipynb"));
        Assert.Equal(1, Regex.Matches(file, "data-course-plotly=").Count);
        Assert.Contains("data-course-plotly=", charts[0].Data["text/html"]);
        Assert.All(charts, chart =>
        {
            Assert.True(chart.Data.TryGetValue("application/vnd.plotly.v1+json", out var json), $"{name}: a chart has no application/vnd.plotly.v1+json");
            using var figure = JsonDocument.Parse(json!);
            Assert.True(figure.RootElement.GetProperty("data").GetArrayLength() > 0);
            Assert.Equal(JsonValueKind.Object, figure.RootElement.GetProperty("layout").ValueKind);
        });
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void HtmlExport_DrawsEveryChartAndTypesetsEveryFormula_WithNoNetwork(string name)
    {
        course.Get(name);
        using var scratch = new ScratchFolder("course-export-");
        string page = scratch.File(name + ".html");
        var convert = CourseCli.Run("convert", Path.Combine(course.OutFolder, name + ".ipynb"), page);
        Assert.True(convert.ExitCode == 0, convert.ToString());

        string html = File.ReadAllText(page);
        var ids = ChartDiv.Matches(html).Select(m => m.Groups["id"].Value).Distinct().ToList();
        var expected = course.Get(name).Cells.SelectMany(c => c.Outputs).OfType<DisplayOutput>()
            .Count(d => d.Data.TryGetValue("text/html", out var h) && ChartDiv.IsMatch(h));
        Assert.Equal(expected, ids.Count);

        var result = BrowserRender.RenderPage(page, ids);
        Assert.True(result.Problems.Count == 0, $"{name}:\n" + string.Join("\n", result.Problems));
        Assert.All(result.Charts, chart => Assert.True(chart.Drawn && chart.Traces > 0, $"{name}: chart {chart.Id} was not drawn: {chart.Text}"));
        Assert.True(result.Math.Elements > 0, $"{name}: the page has no math elements");
        Assert.Equal((result.Math.Elements, 0), (result.Math.Typeset, result.Math.Errors));
    }
}

/// <summary>The executed student versions: valid nbformat, and every chart they show drawn with no network (an exercise whose
/// stub throws shows no chart in that cell, so a notebook may show fewer charts than its key, or none).</summary>
[Collection("executed course")]
[Trait("Category", "Slow")]
public class ExecutedExercisesOfflineTests(ExecutedExercises exercises) : IClassFixture<ExecutedExercises>
{
    [Fact]
    public void EveryExecutedExercise_IsValidNbformat()
    {
        var paths = CourseFolders.NotebookNames().Select(n => Path.Combine(exercises.OutFolder, n + ".ipynb")).Where(File.Exists).ToList();
        Assert.Equal(CourseFolders.NotebookNames().Count, paths.Count);
        NbformatValidator.AssertValid(paths);
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Exercise_EveryChartItShows_IsDrawnWithNoNetwork(string name)
    {
        Assert.True(exercises.Executed.TryGetValue(name, out var executed), $"{name} was not executed");
        var html = executed!.Cells.SelectMany(c => c.Outputs).OfType<DisplayOutput>()
            .Select(o => o.Data.GetValueOrDefault("text/html")).OfType<string>().Where(h => h.Contains("Plotly.newPlot")).ToList();
        if (html.Count == 0) return; // every chart of this notebook needs an answer the stub does not give
        var result = BrowserRender.Render(html);
        Assert.True(result.Problems.Count == 0, $"{name}:\n" + string.Join("\n", result.Problems));
        Assert.Equal(html.Count, result.Charts.Count);
    }
}
