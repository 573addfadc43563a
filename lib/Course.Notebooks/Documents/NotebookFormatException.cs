namespace Course.Notebooks.Documents;

/// <summary>
/// A notebook file that cannot be read: the message names the file, the cell (1-based) where there is one,
/// and what was expected, as <c>path: cell N: reason</c>.
/// </summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>The file that was being read, or null when the text did not come from a file.</summary>
    public string? Path { get; }

    /// <summary>The 1-based number of the offending cell, or null when the problem is not in one cell.</summary>
    public int? CellNumber { get; }

    /// <summary>The reason alone, without the file and cell prefix.</summary>
    public string Reason { get; }

    public NotebookFormatException(string reason, string? path = null, int? cellNumber = null, Exception? inner = null)
        : base(Compose(reason, path, cellNumber), inner)
    {
        Reason = reason;
        Path = path;
        CellNumber = cellNumber;
    }

    static string Compose(string reason, string? path, int? cellNumber)
    {
        var where = path ?? "<notebook text>";
        return cellNumber is int n ? $"{where}: cell {n}: {reason}" : $"{where}: {reason}";
    }
}
