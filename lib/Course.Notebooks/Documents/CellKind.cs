namespace Course.Notebooks.Documents;

/// <summary>What a cell holds: code for a kernel, Markdown prose, or raw text passed through untouched.</summary>
public enum CellKind
{
    /// <summary>Code run by the kernel named in <see cref="NotebookCell.KernelName"/>.</summary>
    Code,

    /// <summary>Markdown prose (ipynb cell_type "markdown"; .dib kernel name "markdown").</summary>
    Markdown,

    /// <summary>An ipynb "raw" cell, kept as it is; .dib has no raw cells, so it is written there as a "raw" kernel cell.</summary>
    Raw,
}
