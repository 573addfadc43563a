using Course.Notebooks.Documents;
using Course.Notebooks.Hosting;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Grading;

/// <summary>How the grader runs submissions.</summary>
/// <param name="CellTimeout">Longest one cell may run (default 60 s); a cell that runs longer fails and is stepped over.</param>
/// <param name="ChecksAssembly">The Course.dll every graded notebook references first (the grader's own copy); null to rely on the notebook's reference.</param>
/// <param name="HostCommand">The command that starts a kernel process (see <see cref="RunOptions.HostCommand"/>); null for the engine's default, <c>dotnet Course.Notebooks.dll</c>.</param>
/// <param name="MaxReplays">How many crashes or timeouts per submission are stepped over by running again without the cell (default 3).</param>
/// <param name="HeapHardLimitBytes">GC heap limit of each kernel process (default 2 GiB).</param>
public sealed record GradeOptions(
    TimeSpan? CellTimeout = null,
    string? ChecksAssembly = null,
    (string File, string[] Arguments)? HostCommand = null,
    int MaxReplays = 3,
    long? HeapHardLimitBytes = 2L << 30)
{
    public TimeSpan Timeout => CellTimeout ?? TimeSpan.FromSeconds(60);
}

/// <summary>
/// Grades a submission against a key. The score comes only from what the engine reports about the graded notebook
/// (<see cref="GradedNotebook"/>): a check passes iff its cell ran without error and printed its pass token; nothing
/// the submission prints counts. The submission runs in its own kernel process; a failing check does not stop the
/// run. When a cell crashes the process (Environment.Exit, stack overflow) or runs past the timeout, the state after
/// it is lost, so the grader keeps the results before it, counts that cell as failed, and runs the notebook again
/// without it, up to <see cref="GradeOptions.MaxReplays"/> times.
/// </summary>
public static class Grader
{
    /// <summary>Reads and grades one submission file; an unreadable file gets zero points and a <see cref="SubmissionGrade.Problem"/>.</summary>
    public static async Task<SubmissionGrade> GradeFileAsync(Assignment key, string path, GradeOptions options)
    {
        Notebook submission;
        try { submission = NotebookFile.Read(path); }
        catch (NotebookFormatException e) { return SubmissionGrade.Zero(key, path, e.Message); }
        return await GradeAsync(key, submission, path, options);
    }

    /// <summary>Grades <paramref name="submission"/>, run as if it were the file at <paramref name="path"/> (relative paths start in its folder).</summary>
    public static async Task<SubmissionGrade> GradeAsync(Assignment key, Notebook submission, string path, GradeOptions options)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(options);
        var graded = GradedNotebook.Build(key, submission, options.ChecksAssembly);
        var notes = new List<string>(graded.Notes);
        var verdicts = new Verdict?[graded.Cells.Count];
        var notebook = graded.Notebook.Clone();
        var runOptions = new RunOptions(options.Timeout, ContinueOnError: true, HeapHardLimitBytes: options.HeapHardLimitBytes,
            HostCommand: options.HostCommand);

        for (int run = 0; ; run++)
        {
            var result = await NotebookRunner.RunAsync(notebook, path, runOptions);
            if (result.Problem is not null)
                return SubmissionGrade.Zero(key, path, result.Problem) with { Notes = notes };
            var byIndex = result.Cells.ToDictionary(c => c.Number - 1);
            int stop = Enumerable.Range(0, verdicts.Length).FirstOrDefault(
                i => verdicts[i] is null && byIndex.TryGetValue(i, out var c) && c.Status is CellStatus.Crash or CellStatus.Timeout, -1);
            int trusted = stop < 0 ? verdicts.Length : stop;   // results after a crash come from a fresh kernel without the earlier state
            for (int i = 0; i < trusted; i++)
                verdicts[i] ??= Judge(graded.Cells[i], byIndex.GetValueOrDefault(i));
            if (stop < 0) break;

            var crashed = byIndex[stop];
            verdicts[stop] = Judge(graded.Cells[stop], crashed);
            notes.Add(crashed.Status == CellStatus.Timeout
                ? $"{Describe(graded, stop)} ran past the per-cell timeout (--timeout) and was stopped."
                : $"{Describe(graded, stop)} crashed the kernel: {crashed.Message}");
            if (run == options.MaxReplays)
            {
                for (int i = stop + 1; i < verdicts.Length; i++)
                    verdicts[i] ??= new Verdict(false, $"not run: more than {options.MaxReplays} crashes or timeouts");
                notes.Add($"gave up after {options.MaxReplays + 1} crashes or timeouts; the cells after it count as failed.");
                break;
            }
            notebook.Cells[stop].Source = "// removed by the grader: this cell crashed the kernel or ran past the timeout";
        }
        return Score(key, graded, verdicts.Select(v => v ?? new Verdict(false, "not run")).ToList(), path, notes);
    }

    /// <summary>Whether one graded cell passed, and if not, why.</summary>
    public sealed record Verdict(bool Passed, string? Failure);

    /// <summary>A check cell passes iff the engine says it ran without error and its pass token is in its stdout.</summary>
    static Verdict Judge(GradedCell cell, CellRunResult? result)
    {
        if (cell.Shadowed.Count > 0)
            return new Verdict(false, $"not counted: the submission declares {string.Join(", ", cell.Shadowed.Select(n => $"'{n}'"))}, which this test code uses");
        if (result is null) return new Verdict(false, "not run");
        if (result.Status == CellStatus.Timeout) return new Verdict(false, "ran past the per-cell timeout (--timeout) and was stopped");
        if (result.Status != CellStatus.Ok) return new Verdict(false, result.Message ?? result.Status.ToString().ToLowerInvariant());
        if (cell.PassToken is { } token && !result.Outputs.OfType<StreamOutput>().Any(o => o.Name == "stdout" && o.Text.Contains(token)))
            return new Verdict(false, "the check did not report its result (did the notebook replace Console.Out or write to the engine's channel?)");
        return new Verdict(true, null);
    }

    /// <summary>Scores every exercise: each test cell's points times the fraction of its checks that passed (a check
    /// passes when its cell passed and so did every setup or helper cell before it for the same test cell).</summary>
    public static SubmissionGrade Score(Assignment key, GradedNotebook graded, IReadOnlyList<Verdict> verdicts, string path, IReadOnlyList<string> notes)
    {
        if (verdicts.Count != graded.Cells.Count)
            throw new ArgumentException($"expected one verdict per graded cell ({graded.Cells.Count}), got {verdicts.Count}.", nameof(verdicts));
        var exercises = new List<ExerciseGrade>();
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
                bool Counts(int i) => verdicts[i].Passed
                    && mine.All(j => j > i || graded.Cells[j].Kind is not (GradedCellKind.Setup or GradedCellKind.Helpers) || verdicts[j].Passed);
                int ok = checkCells.Count(Counts);
                earned += checkCells.Count == 0 ? 0 : test.Points * ok / checkCells.Count;
                passed += ok;
                checks += checkCells.Count;
                failure ??= checkCells.Where(i => !Counts(i)).Select(i => verdicts[i].Passed
                    ? "the test's setup failed before this check: " + mine.Where(j => j < i && !verdicts[j].Passed).Select(j => verdicts[j].Failure).First()
                    : verdicts[i].Failure).FirstOrDefault();
            }
            exercises.Add(new ExerciseGrade(exercise.Id, exercise.Points, earned, passed, checks, failure));
        }
        var failedCells = Enumerable.Range(0, graded.Cells.Count)
            .Where(i => graded.Cells[i].Kind != GradedCellKind.Check && !verdicts[i].Passed)
            .Select(i => $"{Describe(graded, i)}: {verdicts[i].Failure}").ToList();
        return new SubmissionGrade(path, exercises, notes) { FailedCells = failedCells };
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
