using System.Text.RegularExpressions;
using Course.Notebooks.Documents;

namespace Course.Grading;

/// <summary>What a cell of the graded notebook is, so that its outcome can be scored.</summary>
public enum GradedCellKind { Prelude, Student, Helpers, Setup, Check }

/// <summary>How the graded notebook runs the checks: in a submission's kernel only the student's side of each
/// check is evaluated; in the key's kernel every argument is, with the key's solutions in place.</summary>
public enum ProbeMode { ActualOnly, AllArguments }

/// <summary>
/// One cell of the graded notebook: its kind, the submission cell it came from (0-based, for student cells) and the
/// exercise that cell declares, and for test pieces the key's test cell, the check's number (0-based), how many
/// checks that test cell has, and whether the check (or setup) lies in a hidden block.
/// </summary>
public sealed record GradedCell(GradedCellKind Kind, int? SubmissionCell = null, TestCell? Test = null, int CheckNumber = 0, int CheckCount = 0,
    bool Hidden = false, string? ExerciseId = null)
{
    /// <summary>Names this test piece uses that the submission declares but the key does not (such as a class named
    /// Math): the piece's result cannot be trusted, so it fails whatever the engine says.</summary>
    public IReadOnlyList<string> Shadowed { get; init; } = [];

    /// <summary>The exercise this cell belongs to: its test's, or the one its submission cell declares; null for others.</summary>
    public string? Exercise => Test?.ExerciseId ?? ExerciseId;
}

/// <summary>
/// The notebook the grader runs for one submission, built from the submission and the key:
/// <list type="number">
/// <item>a prelude that references the real checking library (the copy the grader itself runs) and declares the
/// <see cref="ValueProbe"/> under a random name, keeping the engine's console writer;</item>
/// <item>the submission's C# cells in their order, except its test cells, with any <c>#r</c> of a Course.dll taken
/// out (so a submission cannot bring its own checking API);</item>
/// <item>the KEY's test cells, hidden tests included, each where the submission has the matching test cell (matched by
/// exercise id and order, never by position), or else right after the submission's exercise cell, or else at the end;
/// each split by <see cref="CheckSplitter"/> into setup cells and one cell per check; before it, when it uses a helper
/// another test cell of the key declares, that helper is declared again, so that neither a student cell in between
/// nor a different cell order can replace or remove it.</item>
/// </list>
/// The submission's own copies of test cells are never run, and a test piece that uses a name the submission declares
/// but the key does not (a class Math, a using alias) fails: it would run the submission's code in the test's place.
/// In a submission (<see cref="ProbeMode.ActualOnly"/>) each check cell evaluates only the student's side of its
/// checks and prints their values; the verdict is made by the grader against the key's values, so nothing the
/// submission's process says about passing counts.
/// </summary>
public sealed partial class GradedNotebook
{
    /// <summary>The cells to run.</summary>
    public Notebook Notebook { get; }

    /// <summary>What each cell of <see cref="Notebook"/> is, index for index.</summary>
    public IReadOnlyList<GradedCell> Cells { get; }

    /// <summary>Things the instructor should know about the submission (a missing exercise cell, a removed reference).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The random part of this notebook's probe lines (see <see cref="ValueProbe.Marker"/>).</summary>
    public string Nonce { get; }

    GradedNotebook(Notebook notebook, IReadOnlyList<GradedCell> cells, IReadOnlyList<string> notes, string nonce)
    {
        Notebook = notebook;
        Cells = cells;
        Notes = notes;
        Nonce = nonce;
    }

    [GeneratedRegex("""^\s*#r\s+"(?<path>[^"]*)"\s*$""")]
    private static partial Regex ReferenceLine();

    /// <summary>Builds the graded notebook of <paramref name="submission"/> against <paramref name="key"/>.</summary>
    /// <param name="key">The validated key.</param>
    /// <param name="submission">The student's notebook (not changed).</param>
    /// <param name="checksAssembly">The Course.dll to reference in the prelude; null to leave the reference to the notebook.</param>
    /// <param name="mode">Whether checks evaluate only the student's side (a submission) or every argument (the key).</param>
    public static GradedNotebook Build(Assignment key, Notebook submission, string? checksAssembly, ProbeMode mode = ProbeMode.ActualOnly)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(submission);
        var notes = new List<string>();
        var slots = Place(key, submission, notes);

        var notebook = new Notebook { DefaultKernelName = KernelNames.CSharp };
        var cells = new List<GradedCell>();
        void Add(string source, GradedCell role)
        {
            notebook.Cells.Add(NotebookCell.Code(source));
            cells.Add(role);
        }

        // The prelude declares the probe under a random name, keeping the console writer the engine installed, so
        // that values reach the engine even if the submission later replaces Console.Out (an honest notebook may).
        var nonce = Guid.NewGuid().ToString("N");
        var probe = "GraderProbe" + nonce[..12];
        Add((checksAssembly is null ? "" : $"#r \"{checksAssembly}\"\n") + ValueProbe.Source(probe, nonce),
            new GradedCell(GradedCellKind.Prelude));

        // Test code calls the probe, never the checking class (a helper may hold checks too).
        string Probed(string code, CheckSides sides) =>
            mode == ProbeMode.ActualOnly ? CheckSplitter.ActualOnly(code, probe, sides) : CheckSplitter.AllArguments(code, probe, sides);

        // Helpers (methods, types) every key test cell declares, by cell: a test cell that uses one declared in another
        // test cell gets it declared again just before it, whatever the submission declared in between.
        var helpers = key.Tests.ToDictionary(t => t, t => CheckSplitter.Helpers(key.Notebook.Cells[t.CellIndex].Source));

        // Names the submission declares that the key does not, such as a class Math: a test piece that looks one up
        // would run the submission's code where the key meant the library's, so it is not trusted.
        var keyNames = key.Notebook.Cells.Where(Assignment.IsCSharp).SelectMany(c => CheckSplitter.Declarations(c.Source)).ToHashSet();
        var foreign = slots.Where(s => s.SubmissionCell is not null)
            .SelectMany(s => CheckSplitter.Declarations(submission.Cells[s.SubmissionCell!.Value].Source))
            .Where(name => !keyNames.Contains(name)).ToHashSet();
        IReadOnlyList<string> ShadowedIn(string code) => [.. CheckSplitter.FreeNames(code).Where(foreign.Contains).Order(StringComparer.Ordinal)];

        // Which side of each check code is on: what uses the notebook's names is the student's; setup variables only
        // the key's side uses are the key's, and their declarations stay out of a submission's notebook.
        var freeNames = key.Notebook.Cells.Select(c => Assignment.IsCSharp(c) ? CheckSplitter.FreeNames(c.Source) : new HashSet<string>()).ToList();
        var helperSides = new CheckSides(keyNames, new HashSet<string>());
        CheckSides SidesOf(TestCell test) => new(keyNames, CheckSplitter.ExpectedOnly(key.Notebook.Cells[test.CellIndex].Source, keyNames,
            freeNames.Where((_, i) => i != test.CellIndex).SelectMany(n => n).ToHashSet()));

        foreach (var slot in slots)
        {
            if (slot.SubmissionCell is int index)
            {
                var studentSource = submission.Cells[index].Source;
                if (checksAssembly is not null) studentSource = WithoutCourseReferences(studentSource);
                var declared = CellMarkers.Scan(submission.Cells[index].Source).Header;
                Add(studentSource, new GradedCell(GradedCellKind.Student, index,
                    ExerciseId: declared is { Kind: MarkerKind.Exercise } ? declared.ExerciseId : null));
                continue;
            }
            var test = slot.Test!;
            var source = key.Notebook.Cells[test.CellIndex].Source;
            var sides = SidesOf(test);
            var used = CheckSplitter.IdentifiersUsed(source);
            var own = helpers[test].Select(h => h.Name).ToHashSet();
            var needed = helpers.Where(h => h.Key != test).SelectMany(h => h.Value)
                .Where(h => used.Contains(h.Name) && !own.Contains(h.Name))
                .DistinctBy(h => h.Name).Select(h => h.Source).ToList();
            if (needed.Count > 0)
            {
                var helperSource = string.Join("\n\n", needed);
                Add(Probed(helperSource, helperSides), new GradedCell(GradedCellKind.Helpers, Test: test) { Shadowed = ShadowedIn(helperSource) });
            }
            var pieces = CheckSplitter.Split(source);
            int checkCount = pieces.Count(p => p.IsCheck), checkNumber = 0;
            foreach (var piece in pieces)
            {
                var shadowed = ShadowedIn(piece.Source);
                bool hidden = key.Cells[test.CellIndex]!.Blocks.Any(b => b.Kind == MarkerKind.BeginHiddenTests && b.BeginLine <= piece.Line && piece.Line <= b.EndLine);
                if (!piece.IsCheck)
                {
                    var setup = mode == ProbeMode.ActualOnly ? CheckSplitter.WithoutDeclarationsOf(piece.Source, sides.ExpectedOnly) : piece.Source;
                    Add(Probed(setup, sides), new GradedCell(GradedCellKind.Setup, Test: test, CheckCount: checkCount, Hidden: hidden) { Shadowed = shadowed });
                    continue;
                }
                Add(Probed(piece.Source, sides),
                    new GradedCell(GradedCellKind.Check, Test: test, CheckNumber: checkNumber++, CheckCount: checkCount, Hidden: hidden) { Shadowed = shadowed });
            }
        }
        var shadowedNames = cells.SelectMany(c => c.Shadowed).Distinct().Order(StringComparer.Ordinal).ToList();
        if (shadowedNames.Count > 0)
            notes.Add($"the submission declares {string.Join(", ", shadowedNames.Select(n => $"'{n}'"))}, which the key's tests use "
                + "from outside the notebook; the test code that uses it was not counted.");
        return new GradedNotebook(notebook, cells, notes, nonce);
    }

    /// <summary>A submission cell to run, or a key test cell.</summary>
    sealed record Slot(int? SubmissionCell, TestCell? Test);

    static List<Slot> Place(Assignment key, Notebook submission, List<string> notes)
    {
        var slots = new List<Slot>();
        var placed = new HashSet<TestCell>();
        var exerciseOfSlot = new List<string?>();
        var seen = new Dictionary<string, int>();
        for (int i = 0; i < submission.Cells.Count; i++)
        {
            var cell = submission.Cells[i];
            if (!Assignment.IsCSharp(cell)) continue;
            var header = CellMarkers.Scan(cell.Source).Header;
            if (header is { Kind: MarkerKind.Test, ExerciseId: { } id })
            {
                int ordinal = seen[id] = seen.GetValueOrDefault(id, -1) + 1;
                var match = key.Tests.FirstOrDefault(t => t.ExerciseId == id && t.Ordinal == ordinal);
                if (match is null)
                    notes.Add($"cell {i + 1}: a test cell '{id}' the key does not have; it was not run.");
                else if (placed.Add(match))
                {
                    slots.Add(new Slot(null, match));
                    exerciseOfSlot.Add(id);
                }
                continue;
            }
            slots.Add(new Slot(i, null));
            exerciseOfSlot.Add(header is { Kind: MarkerKind.Exercise } ? header.ExerciseId : null);
        }

        foreach (var test in key.Tests.Where(t => !placed.Contains(t)))
        {
            int anchor = exerciseOfSlot.FindLastIndex(id => id == test.ExerciseId);
            var missing = $"no cell marked '// EXERCISE {test.ExerciseId}'; its tests run at the end.";
            if (anchor < 0 && !notes.Contains(missing))
                notes.Add(missing);
            int at = anchor < 0 ? slots.Count : anchor + 1;
            slots.Insert(at, new Slot(null, test));
            exerciseOfSlot.Insert(at, test.ExerciseId);
        }
        return slots;
    }

    /// <summary>A C# cell's source with every <c>#r</c> of a Course.dll commented out (the grader references its own).</summary>
    internal static string WithoutCourseReferences(string source)
    {
        var lines = Markers.Lines(source);
        for (int i = 0; i < lines.Length; i++)
        {
            var match = ReferenceLine().Match(lines[i]);
            if (match.Success && string.Equals(Path.GetFileName(match.Groups["path"].Value.Trim()), "Course.dll", StringComparison.OrdinalIgnoreCase))
                lines[i] = "// (reference replaced by the grader's Course.dll) " + lines[i].Trim();
        }
        return string.Join("\n", lines);
    }
}
