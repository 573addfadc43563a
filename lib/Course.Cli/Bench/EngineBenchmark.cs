using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Course.Notebooks.Documents;
using Course.Notebooks.Hosting;

namespace Course.Cli.Bench;

/// <summary>
/// <c>course bench engine</c>: the notebook engine against the two other ways to run these notebooks headlessly, in the
/// same run: <c>course run</c>, <c>dotnet-repl --run</c> (0.3.259, the real .NET Interactive kernel in one process), and
/// nbclient on the pinned dotnet-interactive tool's Jupyter kernel (scripts/nbclient-run.py). Every tool runs each
/// notebook as a new process, as a user or CI would.
/// 1) trivial cells: a one-cell notebook (start-up: process start to exit, the cell included) and a notebook of N
///    trivial cells; per cell after the first, the median of each tool's own per-cell times, and the extra wall time
///    per extra cell, (T_N − T_1) / (N − 1) (target ≤ 25 ms);
/// 2) the whole course (notebooks/, every notebook at its defaults: full epochs), one notebook at a time for the
///    peers, <c>course run</c> with --jobs 1 and --jobs 2 (target ≤ 0.6 × nbclient and ≤ dotnet-repl);
/// 3) a cell printing 20 000 lines through <see cref="NotebookRunner"/>: output handling stays linear.
/// </summary>
public sealed class EngineBenchmark : IBenchmark
{
    public string Name => "engine";
    public string Summary => "notebook engine vs dotnet-repl vs nbclient: start-up, per-cell, whole course (--only/--skip trivial|course|jobs2|chatty, --tools, --cells N)";

    static readonly string[] Parts = ["trivial", "course", "jobs2", "chatty"];
    static readonly string[] ToolNames = ["course", "dotnet-repl", "nbclient"];
    static readonly TimeSpan NotebookTimeout = TimeSpan.FromMinutes(30);
    const string InstallHint = "run `dotnet tool restore` in the repository (scripts/install-test-deps.sh does it, and installs python3-nbclient as root)";

    public int Run(string[] args)
    {
        var (parts, tools, cells) = ParseArguments(args);
        var root = RepositoryRoot();
        var scratch = Path.Combine(root, "artifacts", "bench-engine", Guid.NewGuid().ToString("N")[..8]); // inside the repository: the peers' tools come from its manifest
        Directory.CreateDirectory(scratch);
        try
        {
            Console.WriteLine($"course bench engine: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
            Console.WriteLine("  wall-clock on a shared machine: compare the tools side by side, not across runs");
            var runners = new List<Runner>();
            foreach (var tool in tools)
            {
                var (runner, missing) = tool switch
                {
                    "course" => (CourseRun(root, 1), null),
                    "dotnet-repl" => DotnetRepl(root),
                    _ => Nbclient(root, scratch),
                };
                if (runner is not null) runners.Add(runner);
                else Console.WriteLine($"  {tool}: not measured: {missing}");
            }

            if (parts.Contains("trivial")) Trivial(runners, cells, scratch);
            if (parts.Contains("course") || parts.Contains("jobs2"))
            {
                var courseRunners = parts.Contains("course") ? runners.ToList() : [];
                if (parts.Contains("jobs2") && tools.Contains("course")) courseRunners.Add(CourseRun(root, 2));
                WholeCourse(courseRunners, root, scratch);
            }
            if (parts.Contains("chatty")) Chatty(scratch);
            Console.WriteLine($"  load average at the end: {LoadAverage()}");
            return CommandLine.Ok;
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        }
    }

    // 1) trivial cells
    static void Trivial(List<Runner> runners, int cells, string scratch)
    {
        var one = Path.Combine(scratch, "trivial-1.ipynb");
        var many = Path.Combine(scratch, $"trivial-{cells}.ipynb");
        NotebookFile.Write(TrivialNotebook(1), one);
        NotebookFile.Write(TrivialNotebook(cells), many);
        Console.WriteLine($"\n  trivial cells (a declaration, then an expression that is displayed), {cells} of them:");
        Console.WriteLine($"  {"tool",-22} {"start-up",10} {"per cell (median)",18} {"per extra cell",15} {"notebook of " + cells,16}");
        var rows = new List<(string Name, double Startup, double Median, double Extra)>();
        foreach (var runner in runners)
        {
            var first = runner.Run([one], Path.Combine(scratch, runner.Name + "-1"));
            var all = runner.Run([many], Path.Combine(scratch, runner.Name + "-" + cells));
            if ((first.Problem ?? all.Problem) is { } problem) { Console.WriteLine($"  {runner.Name,-22} failed: {problem}"); continue; }
            var after = all.CellSeconds[0].Skip(1).Select(s => s * 1000).Order().ToList();
            double median = after.Count > 0 ? after[after.Count / 2] : double.NaN;
            double extra = (all.Seconds - first.Seconds) * 1000 / (cells - 1);
            rows.Add((runner.Name, first.Seconds, median, extra));
            Console.WriteLine(Invariant($"  {runner.Name,-22} {first.Seconds,8:F2} s {median,15:F1} ms {extra,12:F1} ms {all.Seconds,14:F2} s"));
        }
        Console.WriteLine("  start-up: a one-cell notebook, process start to exit; per cell: each tool's own times of cells 2..N;");
        Console.WriteLine("  per extra cell: (wall of N cells - wall of 1) / (N - 1). Target: per cell after the first ≤ 25 ms.");
        if (rows.FirstOrDefault(r => r.Name == "course") is { Name: not null } ours)
            foreach (var peer in rows.Where(r => r.Name != "course"))
                Console.WriteLine(Invariant($"  course vs {peer.Name}: start-up {ours.Startup / peer.Startup:F2}x, per cell {ours.Median / peer.Median:F2}x, per extra cell {ours.Extra / peer.Extra:F2}x"));
    }

    // 2) the whole course
    static void WholeCourse(List<Runner> runners, string root, string scratch)
    {
        var notebooks = Directory.EnumerateFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToList();
        Console.WriteLine($"\n  the whole course: {notebooks.Count} notebooks of notebooks/ at their defaults (full epochs), one process per notebook:");
        Console.WriteLine($"  {"tool",-22} {"wall",10} {"in cells",10} {"cells with an error",20}");
        var walls = new Dictionary<string, double>();
        foreach (var runner in runners)
        {
            var run = runner.Run(notebooks, Path.Combine(scratch, runner.Name + "-course"));
            if (run.Problem is { } problem) { Console.WriteLine($"  {runner.Name,-22} failed: {problem}"); continue; }
            walls[runner.Name] = run.Seconds;
            Console.WriteLine(Invariant($"  {runner.Name,-22} {run.Seconds,8:F1} s {run.CellSeconds.Sum(n => n.Sum()),8:F1} s {run.ErrorCells,20}"));
        }
        foreach (var ours in walls.Keys.Where(k => k.StartsWith("course")))
        {
            var ratios = new List<string>();
            if (walls.TryGetValue("nbclient", out var nb)) ratios.Add(Invariant($"{walls[ours] / nb:F2}x nbclient (target ≤ 0.6)"));
            if (walls.TryGetValue("dotnet-repl", out var repl)) ratios.Add(Invariant($"{walls[ours] / repl:F2}x dotnet-repl (target ≤ 1.0)"));
            if (ratios.Count > 0) Console.WriteLine($"  {ours}: {string.Join(", ", ratios)}");
        }
    }

    // 3) a chatty cell, through the runner in this process
    static void Chatty(string scratch)
    {
        var chatty = Path.Combine(scratch, "chatty.dib");
        NotebookFile.Write(new Notebook([NotebookCell.Code("1"), NotebookCell.Code("for (int i = 0; i < 20_000; i++) Console.WriteLine($\"step {i}: loss {1.0 / (i + 1):F6}\");")]), chatty);
        var printed = NotebookRunner.RunFileAsync(chatty).GetAwaiter().GetResult();
        if (!printed.Succeeded) { Console.WriteLine("\n  a cell printing 20 000 lines: failed: " + (printed.Problem ?? printed.FirstFailure?.Message)); return; }
        var ms = printed.Cells[1].Duration.TotalMilliseconds;
        Console.WriteLine(Invariant($"\n  a cell printing 20 000 lines (NotebookRunner): {ms:F0} ms ({ms * 1000 / 20_000:F1} µs per line)"));
    }

    /// <summary>Cells alternating a declaration and an expression shown through the formatter.</summary>
    static Notebook TrivialNotebook(int cells) => new(Enumerable.Range(0, cells).Select(i =>
        NotebookCell.Code(i % 2 == 0 ? $"var x{i} = {i};" : $"x{i - 1} * 2")));

    /// <summary>One tool: runs notebooks (each as a new process), and reads the per-cell seconds it records in an executed notebook.</summary>
    sealed record Runner(string Name, Func<IReadOnlyList<string>, string, RunMeasure> Run);

    /// <summary>Wall seconds for the notebooks, each notebook's code-cell seconds, the cells whose outputs hold an error, or why the run failed.</summary>
    sealed record RunMeasure(double Seconds, List<List<double>> CellSeconds, int ErrorCells, string? Problem = null);

    static Runner CourseRun(string root, int jobs)
    {
        var cli = typeof(EngineBenchmark).Assembly.Location;
        return new Runner(jobs == 1 ? "course" : $"course --jobs {jobs}", (notebooks, outDir) =>
        {
            var run = Execute(Environment.ProcessPath ?? "dotnet", [cli, "run", .. notebooks, "--out", outDir, "--jobs", jobs.ToString(CultureInfo.InvariantCulture)],
                root, NotebookTimeout * notebooks.Count);
            var executed = notebooks.Select(n => Path.Combine(outDir, Path.GetFileNameWithoutExtension(n) + ".ipynb")).ToList();
            return Measure(run, executed, cell => (double?)cell["metadata"]?["course"]?["seconds"]);
        });
    }

    static (Runner?, string?) DotnetRepl(string root)
    {
        var probe = Execute("dotnet", ["tool", "run", "dotnet-repl", "--", "--version"], root, TimeSpan.FromMinutes(1));
        if (probe.ExitCode != 0) return (null, $"the dotnet-repl tool (0.3.259, .config/dotnet-tools.json) is not restored; {InstallHint}");
        return (new Runner("dotnet-repl", (notebooks, outDir) => OneProcessPerNotebook(notebooks, outDir, (notebook, output) =>
            Execute("dotnet", ["tool", "run", "dotnet-repl", "--", "--run", notebook, "--exit-after-run", "--output-format", "ipynb", "--output-path", output],
                Path.GetDirectoryName(notebook)!, NotebookTimeout),
            cell => Seconds(cell["metadata"]?["dotnet_repl_cellExecutionStartTime"], cell["metadata"]?["dotnet_repl_cellExecutionEndTime"]))), null);
    }

    static (Runner?, string?) Nbclient(string root, string scratch)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) return (null, $"{python} is missing; {InstallHint}");
        var probe = Execute(python, ["-c", "import nbclient, nbformat, jupyter_client"], root, TimeSpan.FromMinutes(1));
        if (probe.ExitCode != 0) return (null, $"{python} cannot import nbclient ({probe.Error.Trim()}); scripts/install-test-deps.sh installs python3-nbclient");
        var dataDir = Path.Combine(scratch, "jupyter");
        Directory.CreateDirectory(Path.Combine(dataDir, "kernels")); // a temporary kernelspec: the machine's Jupyter set-up is neither used nor changed
        var install = Execute("dotnet", ["tool", "run", "dotnet-interactive", "--", "jupyter", "install", "--path", Path.Combine(dataDir, "kernels")], root, TimeSpan.FromMinutes(5));
        if (install.ExitCode != 0) return (null, $"`dotnet tool run dotnet-interactive -- jupyter install` failed ({install.Error.Trim()}); {InstallHint}");
        var environment = new Dictionary<string, string> { ["JUPYTER_DATA_DIR"] = dataDir, ["JUPYTER_PATH"] = dataDir };
        var script = Path.Combine(root, "scripts", "nbclient-run.py");
        return (new Runner("nbclient", (notebooks, outDir) => OneProcessPerNotebook(notebooks, outDir, (notebook, output) =>
            Execute(python, [script, notebook, output, "--kernel", ".net-csharp", "--record-timing"], Path.GetDirectoryName(notebook)!, NotebookTimeout, environment),
            cell => Seconds(cell["metadata"]?["execution"]?["iopub.status.busy"], cell["metadata"]?["execution"]?["iopub.status.idle"]))), null);
    }

    static RunMeasure OneProcessPerNotebook(IReadOnlyList<string> notebooks, string outDir, Func<string, string, ProcessResult> run, Func<JsonNode, double?> cellSeconds)
    {
        Directory.CreateDirectory(outDir);
        var executed = notebooks.Select(n => Path.Combine(outDir, Path.GetFileNameWithoutExtension(n) + ".ipynb")).ToList();
        double seconds = 0;
        for (int i = 0; i < notebooks.Count; i++)
        {
            var one = run(Path.GetFullPath(notebooks[i]), executed[i]);
            seconds += one.Seconds;
            if (one.ExitCode != 0) return Measure(one, executed, cellSeconds);
        }
        return Measure(new ProcessResult(0, "", "", seconds), executed, cellSeconds);
    }

    static RunMeasure Measure(ProcessResult run, List<string> executed, Func<JsonNode, double?> cellSeconds)
    {
        var missing = executed.FirstOrDefault(e => !File.Exists(e));
        if (run.ExitCode != 0 && missing is not null)
            return new RunMeasure(run.Seconds, [], 0, $"exit code {run.ExitCode}: {Tail(run.Error + run.Output)}");
        if (missing is not null) return new RunMeasure(run.Seconds, [], 0, $"no executed notebook at {missing}");
        var perNotebook = new List<List<double>>();
        int errors = 0;
        foreach (var path in executed)
        {
            var code = JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code").ToList();
            perNotebook.Add(code.Select(c => cellSeconds(c!) ?? double.NaN).ToList());
            errors += code.Count(c => c!["outputs"]?.AsArray().Any(o => (string?)o!["output_type"] == "error") == true);
        }
        return new RunMeasure(run.Seconds, perNotebook, errors);
    }

    static double? Seconds(JsonNode? start, JsonNode? end) =>
        DateTimeOffset.TryParse((string?)start, CultureInfo.InvariantCulture, out var a) && DateTimeOffset.TryParse((string?)end, CultureInfo.InvariantCulture, out var b)
            ? (b - a).TotalSeconds : null;

    sealed record ProcessResult(int ExitCode, string Output, string Error, double Seconds);

    static ProcessResult Execute(string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? []) start.Environment[name] = value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessResult(-1, output.Result, $"stopped after {timeout.TotalMinutes:F0} min. " + error.Result, clock.Elapsed.TotalSeconds);
        }
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.Result, error.Result, clock.Elapsed.TotalSeconds);
    }

    static (HashSet<string> Parts, List<string> Tools, int Cells) ParseArguments(string[] args)
    {
        var parts = Parts.ToHashSet();
        var tools = ToolNames.ToList();
        bool only = false;
        int cells = 50;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            string Part(string option)
            {
                var part = Value();
                return Parts.Contains(part) ? part : throw new UsageException($"{option} '{part}': expected one of {string.Join(", ", Parts)}.");
            }
            switch (args[i])
            {
                case "--only":
                    if (!only) parts.Clear();
                    only = true;
                    parts.Add(Part("--only"));
                    break;
                case "--skip": parts.Remove(Part("--skip")); break;
                case "--tools":
                    var list = Value();
                    tools = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                    if (tools.Count == 0 || tools.FirstOrDefault(t => !ToolNames.Contains(t)) is { } bad)
                        throw new UsageException($"--tools '{list}': expected a comma-separated list of {string.Join(", ", ToolNames)}.");
                    break;
                case "--cells":
                    var text = Value();
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out cells) || cells < 2)
                        throw new UsageException($"--cells '{text}': expected a whole number ≥ 2.");
                    break;
                default: throw new UsageException($"unknown argument '{args[i]}'; expected --only PART, --skip PART, --tools LIST, --cells N.");
            }
        }
        return (parts, tools, cells);
    }

    /// <summary>The repository holding this run: the nearest folder above the current one with .config/dotnet-tools.json and notebooks/.</summary>
    static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, ".config", "dotnet-tools.json")) && Directory.Exists(Path.Combine(folder.FullName, "notebooks")))
                return folder.FullName;
        throw new UsageException($"run it inside the course's repository (no folder above {Directory.GetCurrentDirectory()} has .config/dotnet-tools.json and notebooks/).");
    }

    static string Tail(string text) => text.Length <= 600 ? text.Trim() : "…" + text[^600..].Trim();

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + " (1, 5, 15 min)"; }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }
}
