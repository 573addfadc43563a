using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>One cell: its kind, the kernel that runs it, its source text, and the outputs of its last run.</summary>
public sealed class NotebookCell
{
    /// <summary>Code, Markdown or Raw.</summary>
    public CellKind Kind { get; set; } = CellKind.Code;

    /// <summary>
    /// The canonical kernel name ("csharp", "fsharp", "markdown", "pwsh", "html", "javascript", "mermaid", "http",
    /// "value", or a name the notebook declares). Markdown cells carry "markdown"; raw cells "raw".
    /// </summary>
    public string KernelName { get; set; } = KernelNames.CSharp;

    /// <summary>The cell's text, without a leading <c>#!kernel</c> line that only chose the kernel; lines are separated by "\n".</summary>
    public string Source { get; set; } = "";

    /// <summary>The outputs of the last run, in order (empty when the notebook is stored without outputs).</summary>
    public List<CellOutput> Outputs { get; } = [];

    /// <summary>ipynb execution_count: the run number, or null when the cell has not run.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>
    /// Cell metadata other than the kernel name (ipynb <c>metadata</c> without polyglot_notebook.kernelName and
    /// dotnet_interactive.language); the engine records timing here.
    /// </summary>
    public JsonObject ExtraMetadata { get; set; } = [];

    /// <summary>ipynb cell members other than cell_type, source, metadata, outputs and execution_count (such as id), kept as they were.</summary>
    public JsonObject ExtraFields { get; set; } = [];

    /// <summary>
    /// Whether .ipynb output repeats the kernel in the legacy metadata.dotnet_interactive.language, as Polyglot does
    /// for new cells; false for a cell read from an .ipynb file that did not have it.
    /// </summary>
    internal bool HadLegacyLanguage { get; set; } = true;

    /// <summary>The first source line <c>#!kernel</c> that chose the kernel in an .ipynb cell, kept to write it back; null if none.</summary>
    internal string? KernelLine { get; set; }

    /// <summary>The kernel the .ipynb metadata named when a <see cref="KernelLine"/> overrode it, kept to write it back.</summary>
    internal string? MetadataKernel { get; set; }

    /// <summary>The legacy dotnet_interactive.language as read, written back while the kernel is unchanged.</summary>
    internal string? LegacyLanguage { get; set; }

    /// <summary>The kernel when the cell was read from .ipynb, to tell whether it was changed since.</summary>
    internal string? KernelAtRead { get; set; }

    /// <summary>Creates an empty C# code cell.</summary>
    public NotebookCell() { }

    /// <summary>Creates a cell of the given kind, kernel and source.</summary>
    public NotebookCell(CellKind kind, string kernelName, string source)
    {
        Kind = kind;
        KernelName = kernelName;
        Source = source;
    }

    /// <summary>A C# code cell.</summary>
    public static NotebookCell Code(string source, string kernelName = KernelNames.CSharp) => new(CellKind.Code, kernelName, source);

    /// <summary>A Markdown cell.</summary>
    public static NotebookCell Markdown(string source) => new(CellKind.Markdown, KernelNames.Markdown, source);

    /// <summary>A deep copy.</summary>
    public NotebookCell Clone()
    {
        var copy = new NotebookCell(Kind, KernelName, Source)
        {
            ExecutionCount = ExecutionCount,
            ExtraMetadata = (JsonObject)ExtraMetadata.DeepClone(),
            ExtraFields = (JsonObject)ExtraFields.DeepClone(),
            HadLegacyLanguage = HadLegacyLanguage,
            KernelLine = KernelLine,
            MetadataKernel = MetadataKernel,
            LegacyLanguage = LegacyLanguage,
            KernelAtRead = KernelAtRead,
        };
        copy.Outputs.AddRange(Outputs);
        return copy;
    }
}
