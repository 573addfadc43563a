using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Course.Notebooks.Documents;
using Course.Notebooks.Hosting;
using Course.Notebooks.Kernel;

namespace Course.Grading;

/// <summary>How the grader runs submissions.</summary>
/// <param name="CellTimeout">Longest one cell may run (default 60 s); a cell that runs longer fails and is stepped over.</param>
/// <param name="ChecksAssembly">The Course.dll every graded notebook references first (the grader's own copy); null to rely on the notebook's reference.</param>
/// <param name="Budget">Wall-clock time one submission may take, replays included (default 10 minutes); what has not run by then fails.</param>
/// <param name="HeapHardLimitBytes">GC heap limit of each kernel process (default 2 GiB).</param>
/// <param name="NoSandbox">Run kernels without bubblewrap (only for trusted notebooks: a submission can then read the key and outlive grading).</param>
/// <param name="ReadOnly">Extra files and folders the sandboxed kernels may read (such as the course's data folder).</param>
/// <param name="Hidden">Folders kernels must not see even inside a readable folder (other submissions, gradebook outputs); the keys' folders always are.</param>
/// <param name="HostCommand">The kernel process command inside the sandbox; null for <c>dotnet Course.Notebooks.dll</c>.</param>
/// <param name="CpuSeconds">CPU seconds one kernel process of a submission may use (default: the budget's seconds); the key's kernel is bound by its own budget.</param>
/// <param name="OutputBytes">Bytes one sandboxed kernel may send to the grader (default 64 MB); past it the kernel is stopped.</param>
public sealed record GradeOptions(
    TimeSpan? CellTimeout = null,
    string? ChecksAssembly = null,
    TimeSpan? Budget = null,
    long? HeapHardLimitBytes = 2L << 30,
    bool NoSandbox = false,
    IReadOnlyList<string>? ReadOnly = null,
    IReadOnlyList<string>? Hidden = null,
    (string File, string[] Arguments)? HostCommand = null,
    int? CpuSeconds = null,
    long OutputBytes = 64L << 20)
{
    public TimeSpan Timeout => CellTimeout ?? TimeSpan.FromSeconds(60);

    public TimeSpan TimeBudget => Budget ?? TimeSpan.FromMinutes(10);
}

/// <summary>Thrown when untrusted grading is asked for where the sandbox cannot run.</summary>
public sealed class SandboxUnavailableException(string message) : Exception(message);

/// <summary>
/// Grades submissions against keys, from values. For each key, once (cached), the key's own graded notebook runs in a
/// sandboxed kernel with every check recording all its arguments (<see cref="ProbeMode.AllArguments"/>): that gives
/// the expected values. Each submission runs in its own sandboxed kernel with the key's test cells, where each check
/// evaluates only the student's side and prints its value (<see cref="ProbeMode.ActualOnly"/>). The grader compares
/// the two in its own process (<see cref="ValueComparer"/>): whatever the submission's process does to the checking
/// class, the engine's channel or its own outputs, it passes a check only by producing the right value.
/// A cell that crashes the kernel or runs past the timeout costs its exercise: the grader keeps the verdicts before it,
/// takes out the crashed cell and the rest of that exercise's tests, and runs again in a fresh kernel, until the
/// notebook has run or the submission's time budget is used up.
/// </summary>
public sealed class Grader(GradeOptions options)
{
    readonly ConcurrentDictionary<Assignment, Lazy<Task<KeyValues>>> keys = new();
    readonly Lazy<string?> sandboxProblem = new(Sandbox.WhyUnavailable);

    public GradeOptions Options { get; } = options;

    /// <summary>Throws when the sandbox is asked for and cannot run here, with what to do about it.</summary>
    /// <exception cref="SandboxUnavailableException">bubblewrap is missing or cannot create namespaces.</exception>
    public void RequireSandbox()
    {
        if (!Options.NoSandbox && sandboxProblem.Value is { } why)
            throw new SandboxUnavailableException(
                $"cannot grade untrusted notebooks here: {why}. Install bubblewrap, or pass --no-sandbox to run the notebooks "
                + "unconfined (only for notebooks you trust: a submission could then read the key and change the gradebook).");
    }

    /// <summary>Reads and grades one submission file; an unreadable file gets zero points and a <see cref="SubmissionGrade.Problem"/>.</summary>
    public async Task<SubmissionGrade> GradeFileAsync(Assignment key, string path)
    {
        Notebook submission;
        try { submission = NotebookFile.Read(path); }
        catch (NotebookFormatException e) { return SubmissionGrade.Zero(key, path, e.Message); }
        return await GradeAsync(key, submission, path);
    }

    /// <summary>Grades <paramref name="submission"/>, run as if it were the file at <paramref name="path"/> (in a private copy of it).</summary>
    public async Task<SubmissionGrade> GradeAsync(Assignment key, Notebook submission, string path)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(submission);
        RequireSandbox();
        var expected = await KeyValuesAsync(key);
        if (expected.Problem is not null) return SubmissionGrade.Zero(key, path, expected.Problem);

        var graded = GradedNotebook.Build(key, submission, Options.ChecksAssembly, ProbeMode.ActualOnly);
        var run = await RunAsync(graded, path, submission, key);
        if (run.Problem is not null) return SubmissionGrade.Zero(key, path, run.Problem) with { Notes = [.. graded.Notes, .. run.Notes] };
        var verdicts = Enumerable.Range(0, graded.Cells.Count).Select(i => Judge(graded, i, run, expected)).ToList();
        return Score(key, graded, verdicts, path, [.. graded.Notes, .. run.Notes, .. expected.Notes]);
    }

    /// <summary>The key's values for every check (run once per key, then cached).</summary>
    public Task<KeyValues> KeyValuesAsync(Assignment key) =>
        keys.GetOrAdd(key, k => new Lazy<Task<KeyValues>>(() => RunKeyAsync(k))).Value;

    async Task<KeyValues> RunKeyAsync(Assignment key)
    {
        var path = key.Path ?? Path.Combine(Directory.GetCurrentDirectory(), "key.ipynb");
        if (!Options.NoSandbox) await WarmPackagesAsync(key, path);
        var graded = GradedNotebook.Build(key, key.Notebook, Options.ChecksAssembly, ProbeMode.AllArguments);
        // The budget is the submissions'; the key is the instructor's own notebook and may take the time it needs.
        var run = await RunAsync(graded, path, key.Notebook, key, TimeSpan.FromMinutes(30), isKey: true);
        if (run.Problem is not null) return new KeyValues(new Dictionary<(TestCell, int), IReadOnlyList<ExpectedCall>>(), [], $"the key could not be run: {run.Problem}");
        return ValuesOf(graded, run);
    }

    static KeyValues ValuesOf(GradedNotebook graded, GradedRun run)
    {
        var values = new Dictionary<(TestCell, int), IReadOnlyList<ExpectedCall>>();
        var notes = new List<string>();
        for (int i = 0; i < graded.Cells.Count; i++)
        {
            var cell = graded.Cells[i];
            if (cell.Kind != GradedCellKind.Check) continue;
            var result = run.Results[i];
            if (result is not { Status: CellStatus.Ok })
            {
                notes.Add($"the key's own check {cell.CheckNumber + 1} of the test of '{cell.Test!.ExerciseId}' failed in the key's run "
                    + $"({run.NotRun[i] ?? result?.Message ?? "not run"}); no submission can pass it.");
                continue;
            }
            var calls = new List<ExpectedCall>();
            foreach (var line in ProbeLines(result.Outputs, graded.Nonce))
                calls.Add(new ExpectedCall((string?)line["method"] ?? "", line["expected"]?.DeepClone(), (string?)line["what"] ?? "",
                    line["tolerance"] is JsonValue t && t.TryGetValue(out double tolerance) ? tolerance : 0, line["actual"]?.DeepClone() ?? line["condition"]?.DeepClone())
                { Tree = line["tree"]?.DeepClone(), Leaves = line["leaves"]?.DeepClone() as JsonArray });
            if (calls.Count == 0)
            {
                // A check always reports its value; none means the probe's lines never reached the outputs (a kernel
                // whose console changed under it), and a check without values would pass every submission.
                notes.Add($"the key's own check {cell.CheckNumber + 1} of the test of '{cell.Test!.ExerciseId}' reported no value in the key's run; no submission can pass it.");
                continue;
            }
            values[(cell.Test!, cell.CheckNumber)] = calls;
        }
        return new KeyValues(values, notes, null);
    }

    /// <summary>Grades a notebook against its own tests, in one run (<c>course check</c>): each check's actual value
    /// against its expected value, both from this run, with the same rules and partial credit as grading.</summary>
    public async Task<SubmissionGrade> CheckOwnAsync(Assignment notebook)
    {
        RequireSandbox();
        var path = notebook.Path ?? Path.Combine(Directory.GetCurrentDirectory(), "notebook.ipynb");
        var graded = GradedNotebook.Build(notebook, notebook.Notebook, Options.ChecksAssembly, ProbeMode.AllArguments);
        var run = await RunAsync(graded, path, notebook.Notebook, notebook);
        if (run.Problem is not null) return SubmissionGrade.Zero(notebook, path, run.Problem);
        var values = ValuesOf(graded, run);
        var verdicts = Enumerable.Range(0, graded.Cells.Count).Select(i => Judge(graded, i, run, values)).ToList();
        return Score(notebook, graded, verdicts, path, [.. graded.Notes, .. run.Notes]);
    }

    /// <summary>Restores the key's own <c>#r "nuget: …"</c> packages outside the sandbox (it has no network), so that
    /// the sandboxed kernels find them in NuGet's folder and the engine's restore cache, both read-only inside.</summary>
    async Task WarmPackagesAsync(Assignment key, string path)
    {
        var lines = key.Notebook.Cells.Where(Assignment.IsCSharp)
            .SelectMany(c => Markers.Lines(c.Source))
            .Where(l => l.TrimStart().StartsWith("#r \"nuget:", StringComparison.Ordinal) || l.TrimStart().StartsWith("#i ", StringComparison.Ordinal))
            .Distinct().ToList();
        if (lines.Count == 0) return;
        var notebook = new Notebook { DefaultKernelName = KernelNames.CSharp };
        notebook.Cells.Add(NotebookCell.Code(string.Join("\n", lines)));
        await NotebookRunner.RunAsync(notebook, path, new RunOptions(TimeSpan.FromMinutes(5), HeapHardLimitBytes: Options.HeapHardLimitBytes));
    }

    /// <summary>The cells' results of a graded run (null where a cell was not run), why cells were not run, and notes.</summary>
    sealed record GradedRun(CellRunResult?[] Results, string?[] NotRun, List<string> Notes, string? Problem);

    async Task<GradedRun> RunAsync(GradedNotebook graded, string path, Notebook original, Assignment key, TimeSpan? budget = null, bool isKey = false)
    {
        var timeBudget = budget is { } b && b > Options.TimeBudget ? b : Options.TimeBudget;
        int count = graded.Cells.Count;
        var results = new CellRunResult?[count];
        var notRun = new string?[count];
        var removed = new bool[count];
        var notes = new List<string>();
        var deadline = DateTime.UtcNow + timeBudget;
        using var copy = new PrivateCopy(path, original);
        bool Open(int i) => results[i] is null && notRun[i] is null;
        // The cells of this run: every cell at first; after a crash, what the open cells need (see Replay).
        IReadOnlyList<Replay.Cell> plan = [.. Enumerable.Range(0, count).Select(i => new Replay.Cell(i, graded.Notebook.Cells[i].Source))];
        Replay? replay = null;

        for (int run = 0; run <= count; run++)
        {
            if (DateTime.UtcNow >= deadline) break;
            var notebook = new Notebook { DefaultKernelName = KernelNames.CSharp };
            foreach (var cell in plan) notebook.Cells.Add(NotebookCell.Code(cell.Source));
            var result = await NotebookRunner.RunAsync(notebook, copy.Path, RunOptionsFor(copy, key, deadline, timeBudget, isKey));
            var byIndex = result.Cells.Where(c => plan[c.Number - 1].Index is int).ToDictionary(c => plan[c.Number - 1].Index!.Value);
            if (result.Problem is not null && DateTime.UtcNow < deadline)
                return new GradedRun(results, notRun, notes, result.Problem.Replace(copy.Path, path));
            int stop = Enumerable.Range(0, count).FirstOrDefault(
                i => Open(i) && byIndex.TryGetValue(i, out var c) && c.Status is CellStatus.Crash or CellStatus.Timeout, -1);
            // The kernel stops at a crash (StopAtCrash): only the cells before it ran, in the state the notebook built.
            int trusted = stop < 0 ? count : stop;
            for (int i = 0; i < trusted; i++)
                if (Open(i) && byIndex.TryGetValue(i, out var cell) && cell.Status != CellStatus.Skipped) results[i] = cell;
            if (stop < 0 && byIndex.Values.FirstOrDefault(c => c.Status is CellStatus.Crash or CellStatus.Timeout) is { } again)
            {
                // A cell that ran before crashed when it ran again: the cells after it cannot be run in the state they need.
                var cause = Describe(graded, byIndex.First(kv => kv.Value == again).Key);
                notes.Add($"{cause} crashed the kernel or timed out when run again for the cells after it; they were not run.");
                for (int i = 0; i < count; i++)
                    if (Open(i)) notRun[i] = $"not run: {cause} crashed the kernel or timed out when run again";
                break;
            }
            if (stop < 0 && result.Problem is null) break;
            if (stop < 0 || DateTime.UtcNow >= deadline) break;

            // The sandbox says why it stopped a kernel (output cap, CPU limit, deadline) on a line of its own.
            var crashed = byIndex[stop];
            if (crashed.ErrorText?.Split('\n').FirstOrDefault(l => l.StartsWith(Sandbox.ReasonPrefix, StringComparison.Ordinal)) is { } reason)
                crashed = crashed with { ErrorText = "The kernel process was stopped while running this cell: " + reason[Sandbox.ReasonPrefix.Length..] };
            results[stop] = crashed;
            removed[stop] = true;
            var what = crashed.Status == CellStatus.Timeout ? "ran past the per-cell timeout (--timeout) and was stopped" : "crashed the kernel";
            // One exercise's crash costs that exercise: its remaining tests are taken out with the crashed cell.
            if (graded.Cells[stop].Exercise is { } exercise)
                for (int i = stop + 1; i < count; i++)
                    if (Open(i) && graded.Cells[i].Test?.ExerciseId == exercise)
                    {
                        notRun[i] = $"not run: an earlier cell of exercise '{exercise}' {what}";
                        removed[i] = true;
                    }
            replay ??= new Replay(graded);
            plan = replay.Plan(i => Open(i) && !removed[i], removed);
            int rerun = plan.Count(c => c.Index is int i && !Open(i));
            var replayed = $"; the rest runs again in a fresh kernel ({plan.Count(c => c.Index is int i && Open(i))} cells still to run, "
                + $"{rerun} earlier cell(s) they need run again, graded tests not)";
            notes.Add(crashed.Status == CellStatus.Timeout
                ? $"{Describe(graded, stop)} {what}{replayed}."
                : $"{Describe(graded, stop)} {what}: {crashed.Message?.Replace(copy.Path, path)}{replayed}.");
            if (!Enumerable.Range(0, count).Any(i => Open(i) && !removed[i])) break;
        }
        if (Enumerable.Range(0, count).Any(Open))
        {
            notes.Add($"the submission used up its time budget ({timeBudget.TotalSeconds:0} s, --budget); what had not run by then failed.");
            for (int i = 0; i < count; i++)
                if (Open(i)) notRun[i] = $"not run: the submission's time budget (--budget {timeBudget.TotalSeconds:0}) was used up";
        }
        return new GradedRun(results, notRun, notes, null);
    }

    RunOptions RunOptionsFor(PrivateCopy copy, Assignment key, DateTime deadline, TimeSpan budget, bool isKey)
    {
        var remaining = deadline - DateTime.UtcNow;
        var timeout = remaining < Options.Timeout ? remaining + TimeSpan.FromSeconds(1) : Options.Timeout;
        if (Options.NoSandbox)
            return new RunOptions(timeout, ContinueOnError: true, HeapHardLimitBytes: Options.HeapHardLimitBytes, HostCommand: Options.HostCommand, StopAtCrash: true);
        var host = Options.HostCommand ?? DefaultHost();
        var readOnly = new List<string> { Path.GetDirectoryName(Sandbox.Which(host.File) ?? host.File)!, Sandbox.NuGetPackages, Sandbox.RestoreCache };
        readOnly.AddRange(host.Arguments.Where(a => a.EndsWith(".dll", StringComparison.Ordinal)).Select(a => Path.GetDirectoryName(Path.GetFullPath(a))!));
        if (Options.ChecksAssembly is { } checks) readOnly.Add(Path.GetDirectoryName(Path.GetFullPath(checks))!);
        readOnly.AddRange(Options.ReadOnly ?? []);
        var hidden = new List<string>(Options.Hidden ?? []);
        hidden.AddRange(keys.Keys.Select(k => k.Path).Append(key.Path).OfType<string>().Select(p => Path.GetDirectoryName(Path.GetFullPath(p))!));
        var command = Sandbox.Command(host, copy.Folder, readOnly, hidden.Where(h => !copy.Folder.StartsWith(h, StringComparison.Ordinal)),
            new SandboxLimits(deadline, CpuSeconds: isKey ? (int)Math.Ceiling(budget.TotalSeconds) : Options.CpuSeconds ?? (int)Math.Ceiling(budget.TotalSeconds),
                OutputBytes: Options.OutputBytes, HeapBytes: Options.HeapHardLimitBytes));
        return new RunOptions(timeout, ContinueOnError: true, HeapHardLimitBytes: Options.HeapHardLimitBytes, HostCommand: command, StopAtCrash: true);
    }

    /// <summary><c>dotnet Course.Notebooks.dll</c>: the engine's kernel process.</summary>
    static (string File, string[] Arguments) DefaultHost()
    {
        var dotnet = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : Sandbox.Which("dotnet") ?? "dotnet";
        return (new FileInfo(dotnet).ResolveLinkTarget(true)?.FullName ?? dotnet, [typeof(NotebookRunner).Assembly.Location]);
    }

    /// <summary>The submission's file alone, copied into a fresh folder: the sandbox's working directory.</summary>
    sealed class PrivateCopy : IDisposable
    {
        public string Folder { get; }
        public string Path { get; }

        public PrivateCopy(string original, Notebook notebook)
        {
            Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "course-grade", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
            Path = System.IO.Path.Combine(Folder, System.IO.Path.GetFileName(original));
            NotebookFile.Write(notebook, Path);
        }

        public void Dispose()
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Whether one graded cell passed, and if not, why.</summary>
    /// <param name="What">For a check, what it checks (from the key), or null.</param>
    public sealed record Verdict(bool Passed, string? Failure, string? What = null);

    static Verdict Judge(GradedNotebook graded, int i, GradedRun run, KeyValues key)
    {
        var cell = graded.Cells[i];
        var calls = cell.Kind == GradedCellKind.Check ? key.Values.GetValueOrDefault((cell.Test!, cell.CheckNumber)) : null;
        var what = calls is { Count: > 0 } ? calls[0].What : null;
        if (cell.Shadowed.Count > 0)
            return new Verdict(false, $"not counted: the submission declares {string.Join(", ", cell.Shadowed.Select(n => $"'{n}'"))}, which this test code uses", what);
        if (run.NotRun[i] is { } notRun) return new Verdict(false, notRun, what);
        if (run.Results[i] is not { } result) return new Verdict(false, "not run", what);
        if (result.Status == CellStatus.Timeout) return new Verdict(false, "ran past the per-cell timeout (--timeout) and was stopped", what);
        if (result.Status != CellStatus.Ok) return new Verdict(false, result.Message ?? result.Status.ToString().ToLowerInvariant(), what);
        if (cell.Kind != GradedCellKind.Check) return new Verdict(true, null);
        if (calls is null) return new Verdict(false, "the key's own check failed in the key's run, so it cannot be passed", what);
        var values = ProbeLines(result.Outputs, graded.Nonce).ToList();
        if (values.Count != calls.Count)
            return new Verdict(false, $"the check produced {values.Count} value(s) where the key's produced {calls.Count}", what);
        for (int k = 0; k < calls.Count; k++)
            if (ValueComparer.Compare(calls[k], values[k]["actual"] ?? values[k]["condition"]) is { } failure)
                return new Verdict(false, failure, calls[k].What);
        return new Verdict(true, null, what);
    }

    /// <summary>The probe lines of one cell's outputs (stream text or displayed plain text), parsed; other text is ignored.</summary>
    static IEnumerable<JsonObject> ProbeLines(IEnumerable<CellOutput> outputs, string nonce)
    {
        var prefix = ValueProbe.Marker + nonce + ":";
        var texts = outputs.Select(o => o switch
        {
            StreamOutput { Name: "stdout" } s => s.Text,
            DisplayOutput d => d.Data.GetValueOrDefault("text/plain"),
            _ => null,
        }).OfType<string>();
        foreach (var text in texts)
            foreach (var line in text.Split('\n'))
            {
                var at = line.IndexOf(prefix, StringComparison.Ordinal);
                if (at < 0) continue;
                JsonNode? node;
                try { node = JsonNode.Parse(line[(at + prefix.Length)..].TrimEnd('\r')); }
                catch (JsonException) { continue; }
                if (node is JsonObject o) yield return o;
            }
    }

    /// <summary>Scores every exercise: each test cell's points times the fraction of its checks that passed (a check
    /// passes when its cell passed and so did every setup or helper cell before it for the same test cell).</summary>
    public static SubmissionGrade Score(Assignment key, GradedNotebook graded, IReadOnlyList<Verdict> verdicts, string path, IReadOnlyList<string> notes)
    {
        if (verdicts.Count != graded.Cells.Count)
            throw new ArgumentException($"expected one verdict per graded cell ({graded.Cells.Count}), got {verdicts.Count}.", nameof(verdicts));
        var exercises = new List<ExerciseGrade>();
        var checkResults = new List<CheckResult>();
        foreach (var exercise in key.Exercises)
        {
            double earned = 0;
            int passed = 0, checks = 0;
            string? failure = null;
            foreach (var test in key.Tests.Where(t => t.ExerciseId == exercise.Id))
            {
                var mine = Enumerable.Range(0, graded.Cells.Count).Where(i => graded.Cells[i].Test == test).ToList();
                var checkCells = mine.Where(i => graded.Cells[i].Kind == GradedCellKind.Check).ToList();
                // A check counts only if the setup before it in its test cell ran: after a failed setup statement the
                // state is half-built (a loop stopped at its first call), and a check on it may pass by accident.
                string? Why(int i) => !verdicts[i].Passed ? verdicts[i].Failure
                    : mine.Where(j => j < i && graded.Cells[j].Kind is GradedCellKind.Setup or GradedCellKind.Helpers && !verdicts[j].Passed)
                        .Select(j => "the test's setup failed before this check"
                            // a visible check does not show what a hidden setup statement says (its code, its inputs)
                            + (graded.Cells[j].Hidden && !graded.Cells[i].Hidden ? " (in the hidden tests)" : ": " + verdicts[j].Failure)).FirstOrDefault();
                int ok = checkCells.Count(i => Why(i) is null);
                earned += checkCells.Count == 0 ? 0 : test.Points * ok / checkCells.Count;
                passed += ok;
                checks += checkCells.Count;
                failure ??= checkCells.Select(Why).FirstOrDefault(w => w is not null);
                checkResults.AddRange(checkCells.Select(i => new CheckResult(exercise.Id, test.Ordinal, graded.Cells[i].CheckNumber,
                    graded.Cells[i].Hidden, verdicts[i].What, Why(i) is null, Why(i), test.Points / checkCells.Count)));
            }
            exercises.Add(new ExerciseGrade(exercise.Id, exercise.Points, earned, passed, checks, failure));
        }
        var failedCells = Enumerable.Range(0, graded.Cells.Count)
            .Where(i => graded.Cells[i].Kind != GradedCellKind.Check && !verdicts[i].Passed)
            .Select(i => $"{Describe(graded, i)}: {verdicts[i].Failure}").ToList();
        return new SubmissionGrade(path, exercises, notes) { FailedCells = failedCells, Checks = checkResults };
    }

    static string Describe(GradedNotebook graded, int index) => graded.Cells[index] switch
    {
        { Kind: GradedCellKind.Student, SubmissionCell: int cell } => $"cell {cell + 1} of the submission",
        { Test: { } test, Kind: GradedCellKind.Check } c => $"check {c.CheckNumber + 1} of the test of '{test.ExerciseId}'",
        { Test: { } test, Kind: GradedCellKind.Helpers } => $"the helpers declared again before the test of '{test.ExerciseId}'",
        { Test: { } test } => $"the setup of the test of '{test.ExerciseId}'",
        _ => "the grader's prelude",
    };
}

/// <summary>The key's values: per check (test cell, check number), the calls its kernel made, in order.</summary>
/// <param name="Values">The calls of every check that ran in the key.</param>
/// <param name="Notes">Checks of the key that failed in its own run.</param>
/// <param name="Problem">Why the key could not be run at all, or null.</param>
public sealed record KeyValues(IReadOnlyDictionary<(TestCell, int), IReadOnlyList<ExpectedCall>> Values, IReadOnlyList<string> Notes, string? Problem);
