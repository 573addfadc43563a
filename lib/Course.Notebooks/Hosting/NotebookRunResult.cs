using Course.Notebooks.Documents;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Hosting;

/// <summary>One code cell after a run: its 1-based position in the notebook, how it ended, its error text and line, time and outputs.</summary>
public sealed record CellRunResult(
    int Number, CellStatus Status, string? ErrorText, int? ErrorLine, TimeSpan Duration, IReadOnlyList<CellOutput> Outputs)
{
    /// <summary>The first line of the error: a one-line message.</summary>
    public string? Message => ErrorText?.Split('\n', 2)[0].TrimEnd('\r');
}

/// <summary>
/// A notebook after a run: the executed copy (outputs, execution counts, timing in cell metadata), the result of
/// every code cell, and <see cref="Problem"/> when the notebook could not be run at all (a cell of a kernel the engine
/// does not run, a bad parameter, a kernel process that would not start).
/// </summary>
public sealed record NotebookRunResult(string Path, Notebook Executed, IReadOnlyList<CellRunResult> Cells, string? Problem = null)
{
    public bool Succeeded => Problem is null && Cells.All(c => c.Status == CellStatus.Ok);

    public TimeSpan Duration => Cells.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Duration);

    /// <summary>The first failed cell, if any.</summary>
    public CellRunResult? FirstFailure => Cells.FirstOrDefault(c => c.Status is not (CellStatus.Ok or CellStatus.Skipped));
}
