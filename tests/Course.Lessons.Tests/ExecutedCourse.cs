using Course.Notebooks.Documents;

namespace Course.Lessons.Tests;

/// <summary>
/// The whole course run once through `course run` in a scratch workspace, as CI runs it: the notebooks without MNIST
/// as they are, the MNIST notebooks with <c>--param epochs=1</c>, notebook 09 with its short parameters. The executed notebooks are shared by the tests of the
/// "executed course" collection.
/// </summary>
public sealed class ExecutedCourse : IDisposable
{
    readonly CourseWorkspace _workspace = new();

    public CliResult FunnelRun { get; }
    public CliResult MnistRun { get; }
    public CliResult SequenceRun { get; }

    /// <summary>Where `course run` wrote the executed notebooks (NAME.ipynb).</summary>
    public string OutFolder { get; }

    /// <summary>Executed notebook by name; missing when `course run` did not write it (it failed).</summary>
    public IReadOnlyDictionary<string, Notebook> Executed { get; }

    public ExecutedCourse()
    {
        var folder = _workspace.CopyNotebooks(CourseFolders.Notebooks, "notebooks");
        var names = CourseFolders.NotebookNames();
        var outFolder = OutFolder = Path.Combine(_workspace.Root, "executed");
        FunnelRun = _workspace.Run(folder, names.Except(CourseFolders.MnistNotebooks).Except(CourseFolders.SequenceNotebooks), outFolder);
        MnistRun = _workspace.Run(folder, CourseFolders.MnistNotebooks, outFolder, "--param", "epochs=1");
        SequenceRun = _workspace.Run(folder, CourseFolders.SequenceNotebooks, outFolder, [.. CourseFolders.SequenceShortParameters]);
        Executed = names.Where(n => File.Exists(Path.Combine(outFolder, n + ".ipynb")))
            .ToDictionary(n => n, n => NotebookFile.Read(Path.Combine(outFolder, n + ".ipynb")));
    }

    /// <summary>The executed notebook, or a failure that shows what `course run` printed.</summary>
    public Notebook Get(string name) =>
        Executed.TryGetValue(name, out var notebook) ? notebook
            : throw new Xunit.Sdk.XunitException($"{name} was not executed successfully.\n{FunnelRun}\n{MnistRun}\n{SequenceRun}");

    /// <summary>Everything the notebook's cells wrote to stdout, in order.</summary>
    public string Stdout(string name) =>
        string.Concat(Get(name).Cells.SelectMany(c => c.Outputs).OfType<StreamOutput>().Where(o => o.Name == "stdout").Select(o => o.Text));

    public void Dispose() => _workspace.Dispose();
}

[CollectionDefinition("executed course")]
public sealed class ExecutedCourseCollection : ICollectionFixture<ExecutedCourse>;
