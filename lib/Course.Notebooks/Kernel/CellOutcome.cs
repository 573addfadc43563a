namespace Course.Notebooks.Kernel;

/// <summary>How a cell ended.</summary>
public enum CellStatus
{
    /// <summary>Ran to the end.</summary>
    Ok,
    /// <summary>Did not compile, or threw.</summary>
    Error,
    /// <summary>Not run, because an earlier cell failed.</summary>
    Skipped,
    /// <summary>Ran longer than the per-cell timeout; its kernel process was stopped.</summary>
    Timeout,
    /// <summary>Its kernel process died (Environment.Exit, stack overflow, out of memory, ...).</summary>
    Crash,
}

/// <summary>
/// The end of one cell. For an error, <see cref="ErrorText"/> is what Polyglot saves as the error's
/// evalue (compiler diagnostics such as <c>(3,5): error CS0103: ...</c>, or the exception text) and
/// <see cref="ErrorLine"/> the 1-based line in the cell as written, when known.
/// </summary>
public sealed record CellOutcome(CellStatus Status, string? ErrorText = null, int? ErrorLine = null)
{
    public static CellOutcome Ok { get; } = new(CellStatus.Ok);

    public static CellOutcome Error(string text, int? line = null) => new(CellStatus.Error, text, line);

    /// <summary>The first line of the error text: a one-line message for a summary.</summary>
    public string? Message => ErrorText?.Split('\n', 2)[0].TrimEnd('\r');
}
