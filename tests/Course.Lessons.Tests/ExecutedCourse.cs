using Course.Notebooks.Documents;

namespace Course.Lessons.Tests;

/// <summary>
/// The whole course run once through `course run` in a scratch workspace, as CI runs it: the notebooks without MNIST
/// as they are, the MNIST notebooks with <c>--param epochs=1</c>, notebook 09 with its short parameters. The run is made
/// once per test process and shared by every collection that asks for it (the "executed course" tests and the
/// conformance test); its workspace is deleted when the process exits.
/// </summary>
public sealed class ExecutedCourse
{
    static readonly Lazy<Run> Shared = new(() => new Run(), LazyThreadSafetyMode.ExecutionAndPublication);
    readonly Run _run = Shared.Value; // the first fixture to ask makes the run; one asking meanwhile waits for it

    public CliResult FunnelRun => _run.FunnelRun;
    public CliResult MnistRun => _run.MnistRun;
    public CliResult SequenceRun => _run.SequenceRun;

    /// <summary>The workspace the notebooks ran in (masked as &lt;root&gt; when outputs are compared).</summary>
    public string Root => _run.Workspace.Root;

    /// <summary>Where `course run` wrote the executed notebooks (NAME.ipynb).</summary>
    public string OutFolder => _run.OutFolder;

    /// <summary>Executed notebook by name; missing when `course run` did not write it (it failed).</summary>
    public IReadOnlyDictionary<string, Notebook> Executed => _run.Executed;

    /// <summary>The executed notebook, or a failure that shows what `course run` printed.</summary>
    public Notebook Get(string name) =>
        Executed.TryGetValue(name, out var notebook) ? notebook
            : throw new Xunit.Sdk.XunitException($"{name} was not executed successfully.\n{FunnelRun}\n{MnistRun}\n{SequenceRun}");

    /// <summary>Everything the notebook's cells wrote to stdout, in order.</summary>
    public string Stdout(string name) =>
        string.Concat(Get(name).Cells.SelectMany(c => c.Outputs).OfType<StreamOutput>().Where(o => o.Name == "stdout").Select(o => o.Text));

    sealed class Run
    {
        public readonly CourseWorkspace Workspace = new();
        public readonly CliResult FunnelRun, MnistRun, SequenceRun;
        public readonly string OutFolder;
        public readonly IReadOnlyDictionary<string, Notebook> Executed;

        public Run()
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Workspace.Dispose();
            var folder = Workspace.CopyNotebooks(CourseFolders.Notebooks, "notebooks");
            var names = CourseFolders.NotebookNames();
            var outFolder = OutFolder = Path.Combine(Workspace.Root, "executed");
            FunnelRun = Workspace.Run(folder, names.Except(CourseFolders.MnistNotebooks).Except(CourseFolders.SequenceNotebooks), outFolder);
            MnistRun = Workspace.Run(folder, CourseFolders.MnistNotebooks, outFolder, "--param", "epochs=1");
            SequenceRun = Workspace.Run(folder, CourseFolders.SequenceNotebooks, outFolder, [.. CourseFolders.SequenceShortParameters]);
            Executed = names.Where(n => File.Exists(Path.Combine(outFolder, n + ".ipynb")))
                .ToDictionary(n => n, n => NotebookFile.Read(Path.Combine(outFolder, n + ".ipynb")));
        }
    }
}

[CollectionDefinition("executed course")]
public sealed class ExecutedCourseCollection : ICollectionFixture<ExecutedCourse>;
