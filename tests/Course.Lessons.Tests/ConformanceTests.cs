using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace Course.Lessons.Tests;

/// <summary>
/// The engine's notebook corpus (tests/Course.Notebooks.Tests/Corpus, with features.dib, one cell per kernel helper and
/// magic command) executed twice in a scratch workspace: by `course run --continue-on-error` and by nbclient on the
/// .NET Interactive tool's Jupyter kernel (which always goes on after a failed cell). The course's own notebooks are not
/// run here: the conformance test reuses the runs of <see cref="ExecutedCourse"/> and <see cref="JupyterCourse"/>.
/// </summary>
public sealed class EngineCorpusRuns : IDisposable
{
    /// <summary>One corpus notebook and what it needs: options for `course run` and nbclient-run.py, parameters.</summary>
    public sealed record Case(string File, string[] CourseOptions, string[]? NbclientOptions, string[] Parameters, string? NotUnderNbclient = null)
    {
        public string Name => Path.GetFileNameWithoutExtension(File);
    }

    public static readonly Case[] Cases =
    [
        new("basics.dib", [], [], []),
        new("display.ipynb", [], [], []),
        new("compile-error.dib", [], [], []),
        new("throws.ipynb", [], [], []),
        new("timeout.dib", ["--cell-timeout", "8"], ["--timeout", "8"], []),
        new("exit.dib", [], [], []),
        new("stack-overflow.dib", [], [], []),
        new("out-of-memory.dib", ["--memory-limit-mb", "200"], null, [],
            NotUnderNbclient: "the tool's kernel has no heap limit: the notebook would allocate until the machine's memory is gone"),
        // nbclient-run.py sets only `var` declarations: the typed ones (double learningRate, string optimizer) keep their values
        new("parameters.dib", [], [], ["epochs=1"]),
        new("continue.dib", [], [], []),
        new("continue-crash.dib", [], [], []),
        new("directives.dib", [], [], []),
        new("other-kernel.dib", [], [], []),
        new("features.dib", [], [], []),
    ];

    readonly ScratchFolder _folder = new("course-conformance-");

    public string Root => _folder.Path;
    public string CourseOut => Path.Combine(Root, "course");
    public string NbclientOut => Path.Combine(Root, "nbclient");
    public Dictionary<string, CliResult> CourseRuns { get; } = [];
    public Dictionary<string, CliResult> NbclientRuns { get; } = [];

    /// <summary>How long the corpus runs took (both runners side by side).</summary>
    public TimeSpan Elapsed { get; }

    public EngineCorpusRuns()
    {
        var clock = Stopwatch.StartNew();
        // 1) the workspace: the corpus, lib/Greeter.dll built, .config/dotnet-tools.json (the kernelspec runs the local tool)
        var corpus = Path.Combine(CourseFolders.Root, "tests", "Course.Notebooks.Tests", "Corpus");
        foreach (var file in Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(corpus, file);
            if (relative.StartsWith("golden", StringComparison.Ordinal)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Root, relative))!);
            File.Copy(file, Path.Combine(Root, relative));
        }
        BuildLibrary(Path.Combine(Root, "lib", "Greeter.cs"), Path.Combine(Root, "lib", "Greeter.dll"));
        Directory.CreateDirectory(Path.Combine(Root, ".config"));
        File.Copy(Path.Combine(CourseFolders.Root, ".config", "dotnet-tools.json"), Path.Combine(Root, ".config", "dotnet-tools.json"));
        Directory.CreateDirectory(NbclientOut);

        // 2) nbclient needs .ipynb: each .dib converted beside itself (relative paths such as lib/helper.csx still resolve)
        foreach (var c in Cases.Where(c => c.File.EndsWith(".dib", StringComparison.Ordinal)))
        {
            var convert = CourseCli.RunIn(Root, "convert", c.File, c.Name + ".ipynb");
            if (convert.ExitCode != 0) throw new InvalidOperationException($"course convert {c.File} failed: {convert}");
        }

        // 3) both runners side by side: `course run` on the sources, nbclient (one kernel at a time) on the .ipynb copies
        _ = Nbclient.DataDir;
        var course = Task.Run(() =>
        {
            foreach (var c in Cases)
            {
                try
                {
                    CourseRuns[c.Name] = CourseCli.RunIn(Root, TimeSpan.FromMinutes(5),
                        ["run", c.File, "--out", CourseOut, "--continue-on-error", .. c.CourseOptions, .. c.Parameters.SelectMany(p => new[] { "--param", p })]);
                }
                catch (TimeoutException e)
                {
                    CourseRuns[c.Name] = new CliResult(-1, "", e.Message);
                }
            }
        });
        foreach (var c in Cases.Where(c => c.NbclientOptions is not null))
        {
            // A run that does not end in time (nbclient waiting on a kernel whose cell timed out) leaves no notebook: that is
            // reported by the comparison, not a failure of the whole fixture.
            var timeout = c.NbclientOptions!.Contains("--timeout") ? TimeSpan.FromSeconds(120) : TimeSpan.FromMinutes(5);
            try
            {
                NbclientRuns[c.Name] = Nbclient.Run(Path.Combine(Root, c.Name + ".ipynb"), Path.Combine(NbclientOut, c.Name + ".ipynb"),
                                                    timeout, ["--attempts", "1", .. c.NbclientOptions!], c.Parameters);
            }
            catch (TimeoutException e)
            {
                NbclientRuns[c.Name] = new CliResult(-1, "", e.Message);
            }
        }
        course.Wait();
        Elapsed = clock.Elapsed;
    }

    static void BuildLibrary(string source, string dll)
    {
        var compilation = CSharpCompilation.Create(Path.GetFileNameWithoutExtension(dll),
            [CSharpSyntaxTree.ParseText(File.ReadAllText(source))],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = compilation.Emit(dll);
        if (!result.Success) throw new InvalidOperationException($"{source} did not compile: {string.Join("\n", result.Diagnostics)}");
    }

    public void Dispose() => _folder.Dispose();
}

[CollectionDefinition("conformance")]
public sealed class ConformanceCollection : ICollectionFixture<EngineCorpusRuns>;

/// <summary>
/// Conformance: every course notebook, every notebook of the engine corpus and the features notebook, executed by
/// `course run` and by nbclient on the .NET Interactive tool's Jupyter kernel, compared cell by cell
/// (<see cref="NotebookComparison"/>). Every difference must be in <see cref="AllowList"/>, and every entry there must
/// still occur, so the list stays the true account of where the engine and Jupyter differ.
/// </summary>
[Collection("conformance")]
[Trait("Category", "Slow")]   // reuses the course runs of the other Slow collections, and runs the corpus twice
public class ConformanceTests(EngineCorpusRuns corpus, ITestOutputHelper output)
{
    /// <summary>A difference allowed: in notebook ("*" for any), cell (null for any), what differs, and why.</summary>
    public sealed record Allowed(string Notebook, int? Cell, string What, string Why);

    const string Course = "course run";
    const string Jupyter = "nbclient";

    /// <summary>
    /// The differences between the engine (the real kernel, shown as Polyglot shows it) and the tool's Jupyter kernel under
    /// nbclient, each with its reason. The failure message of the test prints the entries to paste when the differences change.
    /// </summary>
    public static readonly Allowed[] AllowList =
    [
        // 1) the Jupyter front door and nbclient, not the kernel
        new("*", null, $"{Jupyter} only: {NotebookComparison.BootstrapScript}",
            "Jupyter's front door: the tool's Jupyter kernel displays a script that finds its HTTP address in the first cell it runs; `course run` has no browser to talk to"),
        new("*", null, $"output 1: {Course} display_data(text/html) vs {Jupyter} execute_result(text/html)", ReturnValue),
        new("*", null, $"output 2: {Course} display_data(text/html) vs {Jupyter} execute_result(text/html)", ReturnValue),
        new("*", null, $"output 1: {Course} display_data(text/plain) vs {Jupyter} execute_result(text/plain)", ReturnValue),
        new("*", null, $"output 1: {Course} display_data(application/vnd.plotly.v1+json,text/html) vs {Jupyter} execute_result(application/vnd.plotly.v1+json,text/html)", ReturnValue),
        new("*", null, $"output 2: {Course} display_data(application/vnd.plotly.v1+json,text/html) vs {Jupyter} execute_result(application/vnd.plotly.v1+json,text/html)", ReturnValue),
        new("*", null, $"outputs: {Course} [error] vs {Jupyter} [stderr, error]",
            "Jupyter's front door: a compile error's diagnostics go to stderr and the error's evalue is 'compilation error'; Polyglot (and the engine) show the diagnostics as the error's message"),
        new("corpus/basics", 6, $"outputs: {Course} [display_data(text/html)] vs {Jupyter} [stderr, error]",
            "Jupyter's front door: the cell is an HTML cell by its Polyglot metadata, which nbclient does not send, so the Jupyter kernel compiles the HTML as C#"),
        new("corpus/timeout", 0, $"{Jupyter}: no executed notebook",
            "nbclient: a cell past --timeout raises CellTimeoutError and no notebook is written; `course run` stops the kernel, records the timeout as the cell's error and writes the notebook"),
        new("corpus/exit", 0, $"{Jupyter}: no executed notebook", DeadKernel),
        new("corpus/stack-overflow", 0, $"{Jupyter}: no executed notebook", DeadKernel),
        new("corpus/continue-crash", 0, $"{Jupyter}: no executed notebook", DeadKernel),
        new("corpus/out-of-memory", 0, $"{Jupyter}: no executed notebook",
            "not run under nbclient: the tool's kernel has no heap limit, and the notebook allocates until the machine's memory is gone"),
        new("corpus/other-kernel", 0, $"{Course}: no executed notebook",
            "the engine runs C# and HTML cells only and refuses a notebook with an F# cell before running it; the tool's kernel has F#"),

        // 2) where Polyglot (VS Code) and the Jupyter front door show the same kernel events differently; the engine follows Polyglot
        new("corpus/display", 1, $"outputs: {Course} [display_data(text/plain), display_data(text/plain), display_data(text/plain)] vs {Jupyter} [display_data(text/plain), display_data(text/plain)]", UnknownUpdate),
        new("corpus/display", 3, $"outputs: {Course} [stdout, display_data(text/plain), stdout, display_data(text/plain)] vs {Jupyter} [stdout, display_data(text/plain), stdout]", UnknownUpdate),
        new("corpus/features", 4, $"outputs: {Course} [display_data(text/plain), display_data(text/plain)] vs {Jupyter} [display_data(text/plain)]", UnknownUpdate),
        new("corpus/features", 8, $"output 1: {Course} display_data(text/latex) vs {Jupyter} execute_result(text/latex)", ReturnValue),
        new("corpus/features", 13, $"outputs: {Course} [display_data(text/html), display_data(text/html), display_data(text/html), display_data(text/html)] vs {Jupyter} [display_data(text/html), display_data(text/html), display_data(text/html), display_data(text/html), display_data(text/html), display_data(text/html), display_data(text/html), display_data(text/html)]",
            "the engine's composite kernel holds the C#, HTML and value kernels (it runs C# and HTML cells); the tool's also holds F#, PowerShell, Mermaid, HTTP and JavaScript, and its root kernel has #!about, #!connect, #!import and more, so #!lsmagic lists more"),
        new("01-the-problem-with-gradient-descent", 16, $"outputs: {Course} [stdout] vs {Jupyter} [stdout, stderr]", Warnings),
        new("01-the-problem-with-gradient-descent", 18, $"outputs: {Course} [] vs {Jupyter} [stderr]", Warnings),
        new("08-why-momentum-converges", 6, $"outputs: {Course} [stdout, display_data(text/html)] vs {Jupyter} [stdout, stderr, execute_result(text/html)]", Warnings),
        new("08-why-momentum-converges", 8, $"outputs: {Course} [stdout] vs {Jupyter} [stdout, stderr]", Warnings),
        new("corpus/features", 6, $"outputs: {Course} [display_data(text/html)] vs {Jupyter} [stderr, execute_result(text/html)]", Warnings),
        new("corpus/display", 2, $"outputs: {Course} [display_data(text/html), display_data(text/html), display_data(text/html), display_data(text/html)] vs {Jupyter} [display_data(text/html), display_data(text/html), display_data(text/html), stderr, execute_result(text/html)]",
            "Jupyter's front door: the CS1701 warning under HTML(...) goes to stderr (Polyglot shows warnings in the editor, not as outputs), and the trailing HTML(...) is an execute_result (see ReturnValue)"),
    ];

    const string ReturnValue =
        "Jupyter's output shape: the Jupyter kernel sends a cell's return value as execute_result; Polyglot (VS Code) saves it as display_data, and so does the engine";
    const string UnknownUpdate =
        "display(x).Update(y) names a display id no output has (the kernel's display returns a copy with a new id): VS Code's Polyglot front end adds it as a new output, and so does the engine; Jupyter drops an update_display_data whose id it has not seen";
    const string DeadKernel =
        "nbclient: the kernel process dies, nbclient raises DeadKernelError and no notebook is written (nbclient-run.py, --attempts 1); `course run` records the crash as the cell's error and goes on in a fresh kernel";
    const string Warnings =
        "Jupyter's front door: the kernel's warnings (DiagnosticsProduced, here CS1701: MathNet.Numerics's System.Runtime.Numerics 6.0 unified with 10.0) go to stderr; Polyglot shows them in the editor, not as outputs, and so the engine saves none";

    [Fact]
    public void Engine_AgainstTheJupyterKernel_DiffersOnlyWhereTheAllowListSays()
    {
        var clock = Stopwatch.StartNew();
        // Shared: made once per test process (by whichever collection asks first) and reused here; when this test runs
        // alone, the two runs start side by side.
        ExecutedCourse executed = null!;
        JupyterCourse jupyter = null!;
        Parallel.Invoke(() => executed = new ExecutedCourse(), () => jupyter = new JupyterCourse());
        var waited = clock.Elapsed;
        string[] roots = [executed.Root, jupyter.Root, corpus.Root];

        // 1) compare: the course's notebooks, then the corpus
        var results = new List<NotebookComparisonResult>();
        foreach (var name in CourseFolders.NotebookNames())
        {
            string left = Path.Combine(executed.OutFolder, name + ".ipynb"), right = jupyter.ExecutedPath("notebooks", name);
            results.Add(Compare(name, left, right, roots, Path.Combine(CourseFolders.Notebooks, name + ".ipynb"),
                                $"{executed.FunnelRun}\n{executed.MnistRun}\n{executed.SequenceRun}", jupyter.RunOf("notebooks", name)?.ToString()));
        }
        foreach (var c in EngineCorpusRuns.Cases)
        {
            string left = Path.Combine(corpus.CourseOut, c.Name + ".ipynb"), right = Path.Combine(corpus.NbclientOut, c.Name + ".ipynb");
            var jupyterWhy = c.NotUnderNbclient is string skip ? $"not run under nbclient: {skip}" : corpus.NbclientRuns[c.Name].ToString();
            results.Add(Compare("corpus/" + c.Name, left, right, roots, Path.Combine(corpus.Root, c.Name + ".ipynb"),
                                corpus.CourseRuns[c.Name].ToString(), jupyterWhy));
        }

        // 2) report: the count, and every cell to a file
        int equal = results.Sum(r => r.EqualCells), total = results.Sum(r => r.TotalCells);
        var reportPath = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "conformance", "report.md"));
        Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
        File.WriteAllText(reportPath, $"# conformance: {equal} equal / {total} total cells\n\n" + string.Join("\n", results.Select(r => r.Report())));
        output.WriteLine($"conformance: {equal} equal / {total} total cells");
        output.WriteLine($"per-cell report: {reportPath}");
        output.WriteLine($"the corpus runs took {corpus.Elapsed.TotalSeconds:F1} s; waiting for the shared course runs {waited.TotalSeconds:F1} s");

        // 3) every difference allowed, every entry still true
        var differences = results.SelectMany(r => r.AllDifferences.Select(d => (r.Notebook, d))).ToList();
        var notAllowed = differences.Where(x => !AllowList.Any(a => Matches(a, x.Notebook, x.d))).ToList();
        var stale = AllowList.Where(a => !differences.Any(x => Matches(a, x.Notebook, x.d))).ToList();
        if (notAllowed.Count == 0 && stale.Count == 0) return;
        var message = new StringBuilder($"conformance: {equal} equal / {total} total cells; see {reportPath}\n");
        if (notAllowed.Count > 0)
        {
            message.Append($"{notAllowed.Count} difference(s) not in the allow-list; fix them, or paste (with the reason) into ConformanceTests.AllowList:\n");
            foreach (var (notebook, d) in notAllowed)
                message.Append($"        new({Quote(notebook)}, {(d.Cell == 0 ? "0" : d.Cell)}, {Quote(d.What)}, \"REASON\"),\n");
            message.Append("details:\n");
            foreach (var (notebook, d) in notAllowed) message.Append($"{notebook} cell {d.Cell}: {d.What}\n{d.Detail}\n");
        }
        if (stale.Count > 0)
        {
            message.Append($"{stale.Count} allow-list entr(y/ies) no longer occur; delete them:\n");
            foreach (var a in stale) message.Append($"        new({Quote(a.Notebook)}, {a.Cell?.ToString() ?? "null"}, {Quote(a.What)}, ...)\n");
        }
        Assert.Fail(message.ToString());
    }

    static NotebookComparisonResult Compare(string name, string left, string right, string[] roots, string source, string leftWhy, string? rightWhy)
    {
        if (!File.Exists(left) || !File.Exists(right))
        {
            var cells = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(File.Exists(left) ? left : File.Exists(right) ? right : source))?["cells"]?.AsArray().Count ?? 0;
            var (side, why) = File.Exists(left) ? (Jupyter, rightWhy ?? "") : (Course, leftWhy);
            if (!File.Exists(left) && !File.Exists(right)) (side, why) = ("both", $"{leftWhy}\n{rightWhy}");
            return NotebookComparison.Missing(name, Course, Jupyter, side, LastLines(why), cells);
        }
        return NotebookComparison.Compare(name, Course, left, Jupyter, right, roots);
    }

    static string LastLines(string text) => string.Join("\n", text.Split('\n').Where(l => l.Trim().Length > 0).TakeLast(6));

    static bool Matches(Allowed a, string notebook, CellDifference d) =>
        (a.Notebook == "*" || a.Notebook == notebook) && (a.Cell is null || a.Cell == d.Cell) && a.What == d.What;

    static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s, new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
