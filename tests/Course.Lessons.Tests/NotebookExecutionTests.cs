using System.Globalization;
using System.Text.RegularExpressions;
using Course.Notebooks.Documents;
using Course.Tests.Shared;
using Course.Training;

namespace Course.Lessons.Tests;

/// <summary>
/// What the executed course shows: every notebook runs without an error, the MNIST notebooks reproduce the seed's first-epoch
/// losses, and every chart a notebook displays is drawn by plotly.js in headless Chromium.
/// </summary>
[Collection("executed course")]
[Trait("Category", "Slow")]   // runs the whole course, and renders its charts in Chromium
public class NotebookExecutionTests(ExecutedCourse course)
{
    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Notebook_RunsWithoutError(string name)
    {
        var executed = course.Get(name);
        var failures = executed.Cells.Where(c => c.Outputs.OfType<ErrorOutput>().Any())
            .Select(c => $"cell:\n{c.Source}\nerror: {c.Outputs.OfType<ErrorOutput>().First().Value}").ToList();
        Assert.True(failures.Count == 0, $"{name}:\n{string.Join("\n\n", failures)}");
        Assert.All(executed.Cells.Where(c => c.Kind == CellKind.Code), c => Assert.NotNull(c.ExecutionCount));
    }

    // NotebookProgress.EpochLine: the seed's "epoch: 0, Train Loss: 0.364215", after "name: " when the run is named.
    static IReadOnlyList<(string Name, double Loss)> FirstEpochRuns(string stdout) =>
        Regex.Matches(stdout, @"^(?:(?<name>[^:\n]+): )?epoch: 0, Train Loss: (?<loss>[0-9.]+)$", RegexOptions.Multiline)
            .Select(m => (m.Groups["name"].Value, double.Parse(m.Groups["loss"].Value, CultureInfo.InvariantCulture))).ToArray();

    static IReadOnlyList<double> FirstEpochLosses(string stdout) => FirstEpochRuns(stdout).Select(r => r.Loss).ToArray();

    // The run of a notebook whose epoch lines carry no name: 03's hand-written loop, 04's Trainer.Train with the same update.
    static double UnnamedFirstEpochLoss(string stdout, string name)
    {
        var unnamed = FirstEpochRuns(stdout).Where(r => r.Name == "").ToList();
        Assert.True(unnamed.Count == 1, $"{name}: expected one unnamed 'epoch: 0, Train Loss' line, got {unnamed.Count}:\n{stdout}");
        return unnamed[0].Loss;
    }

    [Theory]
    [InlineData("03-momentum-from-scratch")]
    [InlineData("04-the-library-optimizer")]
    public void MomentumNotebook_FirstEpochLoss_IsWithin15PercentOfTheSeed(string name)
    {
        SeedReference.AssertNear(SeedReference.MomentumLoss, UnnamedFirstEpochLoss(course.Stdout(name), name), name);
    }

    [Fact]
    public void SgdComparison_FirstEpochLosses_AreWithin15PercentOfTheSeedWithAndWithoutMomentum()
    {
        var losses = FirstEpochLosses(course.Stdout("05-sgd-with-and-without-momentum"));
        Assert.Equal(2, losses.Count); // plain SGD first, then momentum; the grid prints no epoch lines
        SeedReference.AssertNear(SeedReference.PlainLoss, losses[0], "05, no momentum");
        SeedReference.AssertNear(SeedReference.MomentumLoss, losses[1], "05, momentum 0.9");
    }

    [Fact]
    public void TrainerTrain_AndMomentum_ReproduceTheHandWrittenLoopExactly_AndSgdAgreesToAboutThreeDigits()
    {
        var handWritten = UnnamedFirstEpochLoss(course.Stdout("03-momentum-from-scratch"), "03");
        var runs04 = FirstEpochRuns(course.Stdout("04-the-library-optimizer"));
        var packaged = UnnamedFirstEpochLoss(course.Stdout("04-the-library-optimizer"), "04");
        var momentum = runs04.Single(r => r.Name == "Momentum").Loss;
        var sgd = runs04.Single(r => r.Name == "Sgd").Loss;
        Assert.True(handWritten == packaged && packaged == momentum,
            $"03's loop printed {handWritten}, 04's Trainer.Train {packaged} and Momentum {momentum}: the same arithmetic must give the same digits");
        Assert.True(Math.Abs(handWritten - sgd) < 1e-3 * handWritten && sgd != handWritten,
            $"03 printed {handWritten}, 04's Sgd {sgd}: PyTorch's form should agree to about three digits (and round differently)");
    }

    [Theory]
    [InlineData("03-momentum-from-scratch")]
    [InlineData("04-the-library-optimizer")]
    public void MomentumNotebook_LiveDisplayEndsAtTheLastStep_AndTheElapsedTimeIsPrinted(string name)
    {
        var displayed = course.Get(name).Cells.SelectMany(c => c.Outputs).OfType<DisplayOutput>()
            .Select(o => o.Data.GetValueOrDefault("text/plain")).OfType<string>().ToList();
        // NotebookProgress.StatusLine at the last step, e.g. "epoch 1/1: step 938/938, running loss 0.3642".
        string lastStep = NotebookProgress.StatusLine(new TrainingProgress(1, 938, 938, 0, TimeSpan.Zero, Epochs: 1));
        string prefix = lastStep[..lastStep.LastIndexOf(' ')];
        var final = displayed.Where(t => t.StartsWith(prefix + " ", StringComparison.Ordinal)).ToList();
        Assert.True(final.Count == 1, $"{name}: no single live display updated to the last step; displayed: {string.Join(" | ", displayed)}");
        Assert.DoesNotContain("starting…", displayed);
        var shown = double.Parse(final[0][(prefix.Length + 1)..], CultureInfo.InvariantCulture);
        var printed = UnnamedFirstEpochLoss(course.Stdout(name), name);
        Assert.True(Math.Abs(shown - printed) <= 5e-5, $"{name}: the display ends at loss {shown} but the epoch line printed {printed}");
        Assert.Matches(@"elapsed: [0-9]+\.[0-9]{2} s", course.Stdout(name));
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Notebook_EveryChartItShows_IsDrawnInChromium(string name)
    {
        var html = course.Get(name).Cells.SelectMany(c => c.Outputs).OfType<DisplayOutput>()
            .Select(o => o.Data.GetValueOrDefault("text/html")).Where(h => h is not null && h.Contains("Plotly.newPlot")).ToList();
        Assert.NotEmpty(html); // every notebook ends an experiment with a figure
        var result = BrowserRender.Render(html!);
        Assert.Empty(result.Errors);
        Assert.Empty(result.NetworkRequests); // Chromium had no network: everything came from the outputs
        Assert.Equal(html.Count, result.Charts.Count);
        Assert.All(result.Charts, chart =>
        {
            Assert.True(chart.Drawn, $"{name}: chart {chart.Id} was not drawn: {chart.Text}");
            Assert.True(chart.Traces > 0, $"{name}: chart {chart.Id} has no traces");
            Assert.True(chart.ScatterLines + chart.ScatterPoints + chart.ContourLines > 0, $"{name}: chart {chart.Id} drew no lines, points or contours");
        });
    }
}
