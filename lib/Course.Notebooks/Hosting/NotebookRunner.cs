using Course.Notebooks.Documents;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Hosting;

/// <summary>
/// Runs a notebook as Polyglot would, headlessly: its C# cells in order in one kernel child process whose working
/// directory is the notebook's folder, <c>#!html</c> cells shown as HTML, markdown and raw cells left alone. A cell
/// that fails (error, timeout, crash) stops the run unless <see cref="RunOptions.ContinueOnError"/>; every output
/// produced until then is kept in <see cref="NotebookRunResult.Executed"/>.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Kernels whose cells the engine runs.</summary>
    public static readonly IReadOnlySet<string> RunnableKernels = new HashSet<string> { KernelNames.CSharp, KernelNames.Html };

    /// <summary>
    /// Starts, in the background, the kernel process that a later run of the notebook at <paramref name="path"/> with
    /// these <paramref name="options"/> (the same object) will take instead of starting its own: on a machine with a
    /// core to spare, the next notebook's start-up overlaps the current one's cells. A kernel that is never taken ends
    /// with this process.
    /// </summary>
    public static void StartKernelAhead(string path, RunOptions options) =>
        KernelSlot.StartAhead(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, options);

    /// <summary>Reads and runs the notebook at <paramref name="path"/>.</summary>
    /// <exception cref="NotebookFormatException">The file is missing or not a notebook.</exception>
    public static Task<NotebookRunResult> RunFileAsync(string path, RunOptions? options = null, Action<CellRunResult>? onCell = null) =>
        RunAsync(NotebookFile.Read(path), path, options, onCell);

    /// <summary>Runs <paramref name="source"/> (not changed) as the notebook at <paramref name="path"/>; <paramref name="onCell"/> hears each cell as it ends.</summary>
    public static async Task<NotebookRunResult> RunAsync(Notebook source, string path, RunOptions? options = null, Action<CellRunResult>? onCell = null)
    {
        options ??= new RunOptions();
        var notebook = source.WithoutOutputs();

        // 1) what cannot run at all is said before anything runs
        try { NotebookParameters.Apply(notebook, options.Parameters ?? new Dictionary<string, string>(), path); }
        catch (ParameterException e) { return new NotebookRunResult(path, notebook, [], e.Message); }
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Kind == CellKind.Code && !RunnableKernels.Contains(cell.KernelName))
                return new NotebookRunResult(path, notebook, [],
                    $"{path}: cell {i + 1}: the engine does not run '{cell.KernelName}' cells (it runs C# and HTML cells); "
                    + "change the cell's kernel or make it a markdown cell.");
        }

        // 2) the code cells in order, in one kernel process (a fresh one after a crash or timeout)
        using var client = new NotebookClient(notebook, path, options);
        return await client.ExecuteAsync(onCell);
    }
}
