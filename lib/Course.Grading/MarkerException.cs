namespace Course.Grading;

/// <summary>
/// A key notebook whose grading markers are wrong (an unclosed BEGIN SOLUTION, a TEST naming an unknown exercise,
/// a duplicate exercise id, points that are not a positive number, ...). The message reads
/// <c>path: cell N: reason</c>, with the cell numbered from 1 as an editor shows it.
/// </summary>
public sealed class MarkerException : Exception
{
    /// <summary>The notebook file, or null when the notebook did not come from a file.</summary>
    public string? Path { get; }

    /// <summary>The 1-based number of the offending cell, or null when the problem is not in one cell.</summary>
    public int? CellNumber { get; }

    /// <summary>The reason alone, without the file and cell prefix.</summary>
    public string Reason { get; }

    public MarkerException(string reason, string? path, int? cellNumber)
        : base($"{path ?? "<notebook>"}: {(cellNumber is int n ? $"cell {n}: " : "")}{reason}")
    {
        Reason = reason;
        Path = path;
        CellNumber = cellNumber;
    }
}
