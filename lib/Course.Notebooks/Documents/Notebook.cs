using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>
/// A notebook in memory, independent of its file format: the cells in order, the default kernel, the kernels the
/// notebook declares (Polyglot's <c>kernelInfo</c>), and every other piece of metadata, kept so that reading and
/// writing a file loses nothing.
/// </summary>
public sealed class Notebook
{
    /// <summary>The cells, in order.</summary>
    public List<NotebookCell> Cells { get; } = [];

    /// <summary>The kernel of cells that name none (kernelInfo.defaultKernelName); "csharp" unless the file says otherwise.</summary>
    public string DefaultKernelName { get; set; } = KernelNames.CSharp;

    /// <summary>kernelInfo.items: the kernels the notebook uses, with their aliases and languages.</summary>
    public List<KernelDeclaration> Kernels { get; } = [];

    /// <summary>
    /// The rest of the notebook metadata (ipynb <c>metadata</c> without <c>polyglot_notebook.kernelInfo</c>, such as
    /// kernelspec and language_info; the other members of a .dib <c>#!meta</c> block), kept for a lossless round trip.
    /// </summary>
    public JsonObject ExtraMetadata { get; set; } = [];

    /// <summary>Top-level ipynb members other than cells, metadata, nbformat and nbformat_minor, kept as they were.</summary>
    public JsonObject ExtraFields { get; set; } = [];

    /// <summary>The ipynb nbformat_minor; 5 for notebooks that did not come from an .ipynb file (nbformat is always 4).</summary>
    public int FormatMinor { get; set; } = IpynbFormat.DefaultMinor;

    /// <summary>Creates an empty notebook whose default kernel is C#.</summary>
    public Notebook() { }

    /// <summary>Creates a notebook with the given cells.</summary>
    public Notebook(IEnumerable<NotebookCell> cells) => Cells.AddRange(cells);

    /// <summary>A deep copy in which no cell has outputs or an execution count: the form the course stores its notebooks in.</summary>
    public Notebook WithoutOutputs()
    {
        var copy = Clone();
        foreach (var cell in copy.Cells)
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
        }
        return copy;
    }

    /// <summary>A deep copy: changing the copy's cells or metadata leaves this notebook as it was.</summary>
    public Notebook Clone()
    {
        var copy = new Notebook(Cells.Select(c => c.Clone()))
        {
            DefaultKernelName = DefaultKernelName,
            ExtraMetadata = (JsonObject)ExtraMetadata.DeepClone(),
            ExtraFields = (JsonObject)ExtraFields.DeepClone(),
            FormatMinor = FormatMinor,
        };
        copy.Kernels.AddRange(Kernels);
        return copy;
    }
}
