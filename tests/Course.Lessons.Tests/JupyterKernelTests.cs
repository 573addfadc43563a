using System.Collections.Concurrent;
using System.Globalization;
using Course.Notebooks.Documents;
using Course.Training;

namespace Course.Lessons.Tests;

/// <summary>
/// The course as a Jupyter front end runs it: every notebook of notebooks/ and exercises/ executed by nbclient on the
/// real .NET Interactive kernel (the pinned tool, installed as the `.NET (C#)` kernel into a temporary Jupyter data dir),
/// in a scratch copy of the repository layout; the MNIST notebooks with epochs = 1 and notebook 09 short, as CI runs them.
/// Two notebooks run at a time. The run is made once per test process and shared by every collection that asks for it
/// (the "jupyter course" tests and the conformance test), so no notebook runs twice under nbclient; its workspace is
/// deleted when the process exits.
/// </summary>
public sealed class JupyterCourse
{
    static readonly Lazy<Run> Shared = new(() => new Run(), LazyThreadSafetyMode.ExecutionAndPublication);
    readonly Run _run = Shared.Value; // the first fixture to ask makes the run; one asking meanwhile waits for it

    /// <summary>The workspace every notebook ran in (masked as &lt;root&gt; when outputs are compared).</summary>
    public string Root => _run.Workspace.Root;

    /// <summary>The executed copy of folder/name, or a failure showing what nbclient printed.</summary>
    public Notebook Get(string folder, string name) =>
        _run.Executed.TryGetValue(Key(folder, name), out var notebook) ? notebook
            : throw new Xunit.Sdk.XunitException($"nbclient did not execute {folder}/{name}.\n{_run.Runs.GetValueOrDefault(Key(folder, name))}");

    /// <summary>The path of the executed .ipynb of folder/name (it need not exist: nbclient may have failed).</summary>
    public string ExecutedPath(string folder, string name) => Path.Combine(_run.OutFolder, $"{folder}-{name}.ipynb");

    /// <summary>What nbclient printed for folder/name.</summary>
    public CliResult? RunOf(string folder, string name) => _run.Runs.GetValueOrDefault(Key(folder, name));

    static string Key(string folder, string name) => folder + "/" + name;

    sealed class Run
    {
        public readonly CourseWorkspace Workspace = new();
        public readonly ConcurrentDictionary<string, CliResult> Runs = new();
        public readonly ConcurrentDictionary<string, Notebook> Executed = new();
        public readonly string OutFolder;

        public Run()
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Workspace.Dispose();
            var folders = new[] { ("notebooks", CourseFolders.Notebooks), ("exercises", CourseFolders.Exercises) }
                .Select(f => (f.Item1, Path: Workspace.CopyNotebooks(f.Item2, f.Item1))).ToList();
            OutFolder = Path.Combine(Workspace.Root, "executed");
            Directory.CreateDirectory(OutFolder);
            _ = Nbclient.DataDir; // install the kernel once, before the parallel runs
            var jobs = folders.SelectMany(f => CourseFolders.NotebookNames().Select(n => (Folder: f.Item1, f.Path, Name: n))).ToList();
            Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, job =>
            {
                string key = Key(job.Folder, job.Name);
                string output = Path.Combine(OutFolder, $"{job.Folder}-{job.Name}.ipynb");
                var run = Nbclient.Run(Path.Combine(job.Path, job.Name + ".ipynb"), output, TimeSpan.FromMinutes(20), Parameters(job.Name));
                Runs[key] = run;
                if (run.ExitCode == 0 && File.Exists(output)) Executed[key] = NotebookFile.Read(output);
            });
        }
    }

    static string[] Parameters(string name) =>
        CourseFolders.MnistNotebooks.Contains(name) ? ["epochs=1"]
        : CourseFolders.SequenceNotebooks.Contains(name) ? CourseFolders.SequenceShortParameters.Where(p => p != "--param").ToArray()
        : [];
}

[CollectionDefinition("jupyter course")]
public sealed class JupyterCourseCollection : ICollectionFixture<JupyterCourse>;

[Collection("jupyter course")]
[Trait("Category", "Slow")]   // runs every notebook twice (keys and student versions) in the real .NET kernel
public class JupyterKernelTests(JupyterCourse course)
{
    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Key_RunsUnderNbclient_WithoutACellError_AndEveryCodeCellExecuted(string name)
    {
        var executed = course.Get("notebooks", name);
        var failures = executed.Cells.Where(c => c.Outputs.OfType<ErrorOutput>().Any())
            .Select(c => $"cell:\n{c.Source}\nerror: {c.Outputs.OfType<ErrorOutput>().First().Value}").ToList();
        Assert.True(failures.Count == 0, $"{name}:\n{string.Join("\n\n", failures)}");
        Assert.All(executed.Cells.Where(c => c.Kind == CellKind.Code), c => Assert.NotNull(c.ExecutionCount));
        // The first code cell's package restore reports "Installed Packages": the output once found missing when nbclient
        // stopped waiting for the kernel's late outputs (see scripts/nbclient-run.py).
        var packages = executed.Cells.First(c => c.Kind == CellKind.Code);
        Assert.Contains(packages.Outputs.OfType<DisplayOutput>(), o => o.Data.GetValueOrDefault("text/html")?.Contains("Installed Packages") == true);
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Exercise_RunsUnderNbclient_WithOnlyTheStubsFailing(string name) =>
        ExerciseTests.AssertOnlyTheStubsFailed(name, course.Get("exercises", name));

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Notebook_UnderTheJupyterKernel_PrintsNoCompilerWarningCausedByTheLibrary(string name)
    {
        var warnings = course.Get("notebooks", name).Cells.SelectMany(c => c.Outputs).OfType<StreamOutput>()
            .Where(o => o.Name == "stderr").SelectMany(o => o.Text.Split('\n')).Where(l => l.Contains("warning CS")).ToList();
        // The library's own references must not need unifying with the kernel's assemblies (it references no
        // Microsoft.AspNetCore.Html.Abstractions). What remains is MathNet.Numerics 5.0.0's reference to
        // System.Runtime.Numerics 6.0.0.0 (it is built for .NET 6), in the cells that use its matrices, as README says.
        Assert.DoesNotContain(warnings, w => w.Contains("used by 'Course'"));
        Assert.All(warnings, w => Assert.Matches(
            @"^warning CS1701: Assuming assembly reference 'System\.Runtime\.Numerics, Version=6\.0\.0\.0, [^']*' used by 'MathNet\.Numerics' matches identity 'System\.Runtime\.Numerics, Version=10\.0\.0\.0, ", w.Trim()));
    }

    [Theory]
    [InlineData("03-momentum-from-scratch")]
    [InlineData("04-the-library-optimizer")]
    public void TrainingCell_UnderNbclient_EndsShowingTheLastStep_NotStarting(string name)
    {
        // nbclient applies update_display_data to the output with the same display id, so the saved output is the last update.
        var displayed = course.Get("notebooks", name).Cells.SelectMany(c => c.Outputs).OfType<DisplayOutput>()
            .Select(o => o.Data.GetValueOrDefault("text/plain")).OfType<string>().ToList();
        string lastStep = NotebookProgress.StatusLine(new TrainingProgress(1, 938, 938, 0, TimeSpan.Zero, Epochs: 1));
        string prefix = lastStep[..lastStep.LastIndexOf(' ')];
        Assert.True(displayed.Count(t => t.StartsWith(prefix + " ", StringComparison.Ordinal)) == 1,
            $"{name}: no single live display updated to the last step; displayed: {string.Join(" | ", displayed)}");
        Assert.DoesNotContain(displayed, t => t.Contains("starting…"));
        var final = displayed.Single(t => t.StartsWith(prefix + " ", StringComparison.Ordinal));
        Assert.True(double.TryParse(final[(prefix.Length + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var loss) && loss is > 0 and < 1,
            $"{name}: the live line ends '{final}'");
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Notebook_UnderNbclient_ShowsItsCharts_CarryingPlotlyJsOnce(string name)
    {
        var outputs = course.Get("notebooks", name).Cells.SelectMany(c => c.Outputs).OfType<DisplayOutput>().ToList();
        var charts = outputs.Where(o => o.Data.ContainsKey("application/vnd.plotly.v1+json")).ToList();
        Assert.NotEmpty(charts);
        Assert.All(charts, c => Assert.Contains("Plotly.newPlot", c.Data["text/html"]));
        Assert.Equal(1, outputs.Count(o => o.Data.GetValueOrDefault("text/html")?.Contains("data-course-plotly=") == true));
    }
}
