namespace Course.Grading;

/// <summary>
/// The score of one exercise: <c>Earned = Σ over its test cells of points · passed checks / checks</c>.
/// </summary>
/// <param name="Id">The exercise id.</param>
/// <param name="Points">What the exercise is worth.</param>
/// <param name="Earned">What the submission earned.</param>
/// <param name="ChecksPassed">Checks that passed, over all its test cells.</param>
/// <param name="Checks">Checks in all its test cells (hidden ones included).</param>
/// <param name="Failure">Why the first failed check failed (the engine's error text, first line), or null.</param>
public sealed record ExerciseGrade(string Id, double Points, double Earned, int ChecksPassed, int Checks, string? Failure);

/// <summary>One check of a submission's grade: which exercise and test cell (its order among the exercise's test
/// cells), its number in that cell, whether it is hidden, what it checks (the key's words) and why it failed.</summary>
public sealed record CheckResult(string ExerciseId, int TestOrdinal, int Number, bool Hidden, string? What, bool Passed, string? Failure, double Points = 0);

/// <summary>The grade of one submission: one <see cref="ExerciseGrade"/> per exercise of the key, in the key's order.</summary>
/// <param name="Path">The submission file.</param>
/// <param name="Exercises">The exercises, in the key's order.</param>
/// <param name="Notes">What the instructor should know (unmatched cells, crashes the grader stepped over).</param>
/// <param name="Problem">Why the submission could not be graded at all (unreadable file, engine failure), or null.</param>
public sealed record SubmissionGrade(string Path, IReadOnlyList<ExerciseGrade> Exercises, IReadOnlyList<string> Notes, string? Problem = null)
{
    /// <summary>The cells other than checks that failed (the submission's own cells, test setup), as "where: why".
    /// In a student's submission these are expected (an unanswered exercise throws); in a key, none may fail.</summary>
    public IReadOnlyList<string> FailedCells { get; init; } = [];

    /// <summary>Every check, in the key's order (empty for a submission that could not be run).</summary>
    public IReadOnlyList<CheckResult> Checks { get; init; } = [];

    /// <summary>Σ earned points.</summary>
    public double Earned => Exercises.Sum(e => e.Earned);

    /// <summary>Σ points of the key's exercises.</summary>
    public double Points => Exercises.Sum(e => e.Points);

    /// <summary>A grade of zero for every exercise, for a submission that could not be run.</summary>
    public static SubmissionGrade Zero(Assignment key, string path, string problem) =>
        new(path, [.. key.Exercises.Select(e => new ExerciseGrade(e.Id, e.Points, 0, 0, CountChecks(key, e.Id), problem))], [], problem);

    static int CountChecks(Assignment key, string id) =>
        key.Tests.Where(t => t.ExerciseId == id)
            .Sum(t => CheckSplitter.Split(key.Notebook.Cells[t.CellIndex].Source).Count(p => p.IsCheck));
}
