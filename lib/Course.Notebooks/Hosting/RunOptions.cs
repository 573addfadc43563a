namespace Course.Notebooks.Hosting;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook.</summary>
/// <param name="CellTimeout">Longest a cell may run before its kernel process is stopped (default 600 s).</param>
/// <param name="ContinueOnError">Run the cells after a failed one (after a crash or timeout, in a fresh kernel process without the earlier state).</param>
/// <param name="Parameters">Values for the variables of the <c>// parameters</c> cell, name → C# literal or plain text.</param>
/// <param name="HeapHardLimitBytes">GC heap hard limit of the kernel process (DOTNET_GCHeapHardLimit); null for none. Default 8 GiB.</param>
/// <param name="HostCommand">The command that starts a kernel process; default <c>dotnet Course.Notebooks.dll</c> (this library is also the host).</param>
/// <param name="StopAtCrash">With <paramref name="ContinueOnError"/>: still stop at a crash or timeout (the cells after it are skipped), for a
/// caller that replays the rest itself.</param>
public sealed record RunOptions(
    TimeSpan? CellTimeout = null,
    bool ContinueOnError = false,
    IReadOnlyDictionary<string, string>? Parameters = null,
    long? HeapHardLimitBytes = RunOptions.DefaultHeapHardLimit,
    (string File, string[] Arguments)? HostCommand = null,
    bool StopAtCrash = false)
{
    public const long DefaultHeapHardLimit = 8L << 30;
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromSeconds(600);

    public TimeSpan Timeout => CellTimeout ?? DefaultCellTimeout;
}
