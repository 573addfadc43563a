using Course.Notebooks.Documents;

namespace Course.Grading;

/// <summary>An exercise of a key: its id, its points, and the 0-based index of its cell.</summary>
public sealed record Exercise(string Id, double Points, int CellIndex);

/// <summary>
/// A test cell of a key: the exercise it checks, the 0-based index of its cell, its place among that exercise's
/// test cells (<paramref name="Ordinal"/>, from 0), and the points it carries.
/// </summary>
public sealed record TestCell(string ExerciseId, int CellIndex, int Ordinal, double Points);

/// <summary>
/// What a key notebook declares for grading: its exercises and their test cells, validated. An exercise's points are
/// shared by its test cells: a TEST marker may claim points of its own, and the rest is split evenly over the others.
/// </summary>
public sealed class Assignment
{
    /// <summary>The notebook the markers were read from.</summary>
    public Notebook Notebook { get; }

    /// <summary>The file it came from, or null.</summary>
    public string? Path { get; }

    /// <summary>The exercises, in the order of their cells.</summary>
    public IReadOnlyList<Exercise> Exercises { get; }

    /// <summary>The test cells, in the order of their cells.</summary>
    public IReadOnlyList<TestCell> Tests { get; }

    /// <summary>The markers of every cell (null for cells that are not C# code).</summary>
    public IReadOnlyList<CellMarkers?> Cells { get; }

    /// <summary>Σ points of all exercises.</summary>
    public double TotalPoints => Exercises.Sum(e => e.Points);

    Assignment(Notebook notebook, string? path, IReadOnlyList<Exercise> exercises, IReadOnlyList<TestCell> tests, IReadOnlyList<CellMarkers?> cells)
    {
        Notebook = notebook;
        Path = path;
        Exercises = exercises;
        Tests = tests;
        Cells = cells;
    }

    /// <summary>Reads and validates the markers of a key notebook.</summary>
    /// <param name="key">The key: exercise cells with their solutions, and test cells with their hidden tests.</param>
    /// <param name="path">The file, for messages.</param>
    /// <exception cref="MarkerException">A marker is malformed, a block is unclosed, an id is duplicated or unknown,
    /// points are not positive, an exercise has no solution or no test; the message names the file and the cell.</exception>
    /// <param name="requireSolutions">False to read a student version (stubs instead of solution blocks), as <c>course check</c> does.</param>
    public static Assignment Parse(Notebook key, string? path = null, bool requireSolutions = true)
    {
        ArgumentNullException.ThrowIfNull(key);
        var cells = key.Cells.Select(c => IsCSharp(c) ? CellMarkers.Scan(c.Source) : null).ToList();
        var exercises = new List<Exercise>();
        var headers = new List<(Marker Marker, int Cell)>();

        // 1) every cell on its own; markers outside C# cells would be copied to students as they are
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not { } markers)
            {
                if (key.Cells[i].Kind == CellKind.Code && CellMarkers.Scan(key.Cells[i].Source) is { } other
                    && (other.Header is not null || other.Blocks.Count > 0 || other.Problems.Count > 0))
                    throw new MarkerException(
                        $"grading markers work in C# cells only, and this is a '{key.Cells[i].KernelName}' cell: its text would reach students unchanged.",
                        path, i + 1);
                continue;
            }
            if (markers.Problems.Count > 0)
                throw new MarkerException(markers.Problems[0], path, i + 1);
            if (markers.Header is { } header)
                headers.Add((header, i));
            if (requireSolutions && markers.IsExercise && !markers.Blocks.Any(b => b.Kind == MarkerKind.BeginSolution))
                throw new MarkerException(
                    $"exercise '{markers.Header!.ExerciseId}' has no '// BEGIN SOLUTION' ... '// END SOLUTION' block, so the student version would contain the answer.",
                    path, i + 1);
        }

        // 2) exercise ids are unique
        foreach (var (marker, cell) in headers.Where(h => h.Marker.Kind == MarkerKind.Exercise))
        {
            var earlier = exercises.FirstOrDefault(e => e.Id == marker.ExerciseId);
            if (earlier is not null)
                throw new MarkerException($"exercise id '{marker.ExerciseId}' is already used by cell {earlier.CellIndex + 1}; ids must be unique.", path, cell + 1);
            exercises.Add(new Exercise(marker.ExerciseId!, marker.Points!.Value, cell));
        }

        // 3) tests name a known exercise; every exercise has a test
        var testHeaders = headers.Where(h => h.Marker.Kind == MarkerKind.Test).ToList();
        foreach (var (marker, cell) in testHeaders)
            if (exercises.All(e => e.Id != marker.ExerciseId))
                throw new MarkerException(
                    $"TEST '{marker.ExerciseId}' names no exercise of this notebook (known: {Known(exercises)}).", path, cell + 1);

        var tests = new List<TestCell>();
        foreach (var exercise in exercises)
        {
            var own = testHeaders.Where(h => h.Marker.ExerciseId == exercise.Id).ToList();
            if (own.Count == 0)
                throw new MarkerException($"exercise '{exercise.Id}' has no '// TEST {exercise.Id}' cell, so it could never earn points.", path, exercise.CellIndex + 1);
            tests.AddRange(SharePoints(exercise, own, path));
        }
        tests.Sort((a, b) => a.CellIndex.CompareTo(b.CellIndex));
        return new Assignment(key, path, exercises, tests, cells);
    }

    /// <summary>Points claimed by TEST markers are theirs; the exercise's remaining points are split evenly over the rest.</summary>
    static IEnumerable<TestCell> SharePoints(Exercise exercise, List<(Marker Marker, int Cell)> own, string? path)
    {
        double claimed = own.Sum(h => h.Marker.Points ?? 0);
        int unclaimed = own.Count(h => h.Marker.Points is null);
        double rest = exercise.Points - claimed;
        const double slack = 1e-9;
        if (unclaimed == 0 && Math.Abs(rest) > slack || unclaimed > 0 && rest <= slack)
            throw new MarkerException(
                $"the TEST cells of '{exercise.Id}' claim {claimed} points, but the exercise is worth {exercise.Points}; "
                + "claimed points must add up to the exercise's points (or leave some for TEST cells that claim none).",
                path, own.First(h => h.Marker.Points is not null).Cell + 1);
        return own.Select((h, ordinal) => new TestCell(exercise.Id, h.Cell, ordinal, h.Marker.Points ?? rest / unclaimed));
    }

    static string Known(List<Exercise> exercises) =>
        exercises.Count == 0 ? "none" : string.Join(", ", exercises.Select(e => $"'{e.Id}'"));

    internal static bool IsCSharp(NotebookCell cell) => cell.Kind == CellKind.Code && cell.KernelName == KernelNames.CSharp;
}
