namespace Course.Grading;

/// <summary>
/// What runs again after a crash or timeout: a fresh kernel has none of the state the cells before the crash built,
/// so the open cells (not yet run) go with the earlier cells they need, and nothing else. Walking back from the open
/// cells: an earlier cell is needed when it declares a name a needed cell uses, or, for a cell of the submission,
/// when it uses a variable a needed cell uses (it may change it: <c>data.Add(…)</c>). The key's tests of exercises
/// already graded are not run again unless a needed cell uses a variable one of them declares; the crashed cell and
/// the rest of its exercise's tests are left out. Of a cell that is not needed, only its <c>using</c> and <c>#r</c>
/// lines run (later cells may depend on them). The prelude (the probe) always runs.
/// </summary>
public sealed class Replay
{
    /// <summary>One cell of a run: the graded cell it is (null for the directives of a cell not run) and its source.</summary>
    public sealed record Cell(int? Index, string Source);

    readonly GradedNotebook graded;
    readonly ISet<string>[] declared, used;
    readonly string[] directives;
    readonly HashSet<string> names = [], variables = [];

    public Replay(GradedNotebook graded)
    {
        this.graded = graded;
        var sources = graded.Notebook.Cells.Select(c => c.Source).ToList();
        declared = [.. sources.Select(CheckSplitter.Declarations)];
        used = [.. sources.Select(CheckSplitter.FreeNames)];
        directives = [.. sources.Select(CheckSplitter.Directives)];
        foreach (var set in declared) names.UnionWith(set);
        foreach (var source in sources) variables.UnionWith(CheckSplitter.Variables(source));
    }

    /// <summary>The cells of the next run, in order.</summary>
    /// <param name="open">Whether a graded cell is still to run.</param>
    /// <param name="removed">Cells left out (the crashed ones and the rest of their exercises' tests).</param>
    public IReadOnlyList<Cell> Plan(Func<int, bool> open, IReadOnlyList<bool> removed)
    {
        int count = graded.Cells.Count;
        var keep = new bool[count];
        var needed = new HashSet<string>();
        for (int i = count - 1; i >= 0; i--)
        {
            if (removed[i]) continue;
            bool student = graded.Cells[i].Kind == GradedCellKind.Student;
            keep[i] = i == 0 || open(i)
                || declared[i].Overlaps(needed)
                || student && used[i].Any(n => needed.Contains(n) && variables.Contains(n));
            if (keep[i]) needed.UnionWith(used[i].Where(names.Contains));
        }
        var plan = new List<Cell>();
        for (int i = 0; i < count; i++)
            if (keep[i]) plan.Add(new Cell(i, graded.Notebook.Cells[i].Source));
            else if (directives[i].Length > 0) plan.Add(new Cell(null, directives[i]));
        return plan;
    }
}
