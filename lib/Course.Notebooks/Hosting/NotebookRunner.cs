using System.Diagnostics;
using System.Text.Json.Nodes;
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

    /// <summary>Reads and runs the notebook at <paramref name="path"/>.</summary>
    /// <exception cref="NotebookFormatException">The file is missing or not a notebook.</exception>
    public static Task<NotebookRunResult> RunFileAsync(string path, RunOptions? options = null, Action<CellRunResult>? onCell = null) =>
        RunAsync(NotebookFile.Read(path), path, options, onCell);

    /// <summary>Runs <paramref name="source"/> (not changed) as the notebook at <paramref name="path"/>; <paramref name="onCell"/> hears each cell as it ends.</summary>
    public static async Task<NotebookRunResult> RunAsync(Notebook source, string path, RunOptions? options = null, Action<CellRunResult>? onCell = null)
    {
        options ??= new RunOptions();
        var notebook = source.WithoutOutputs();
        var results = new List<CellRunResult>();

        // 1) what cannot run at all is said before anything runs
        try { NotebookParameters.Apply(notebook, options.Parameters ?? new Dictionary<string, string>(), path); }
        catch (ParameterException e) { return new NotebookRunResult(path, notebook, results, e.Message); }
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Kind == CellKind.Code && !RunnableKernels.Contains(cell.KernelName))
                return new NotebookRunResult(path, notebook, results,
                    $"{path}: cell {i + 1}: the engine does not run '{cell.KernelName}' cells (it runs C# and HTML cells); "
                    + "change the cell's kernel or make it a markdown cell.");
        }

        // 2) the code cells in order, in one kernel process (a fresh one after a crash or timeout)
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var collector = new OutputCollector();
        KernelProcess? kernel = null;
        int executionCount = 0;
        bool failed = false, crashed = false;
        try
        {
            for (int i = 0; i < notebook.Cells.Count; i++)
            {
                var cell = notebook.Cells[i];
                if (cell.Kind != CellKind.Code) continue;
                if (failed && !options.ContinueOnError || crashed && options.StopAtCrash)
                {
                    Report(new CellRunResult(i + 1, CellStatus.Skipped, null, null, TimeSpan.Zero, []));
                    continue;
                }
                if (kernel is null && cell.KernelName == KernelNames.CSharp)
                {
                    // Start-up is not charged to the cell (nor to its timeout).
                    try { kernel = await KernelProcess.StartAsync(folder, options); }
                    catch (InvalidOperationException e) { return new NotebookRunResult(path, notebook, results, $"{path}: {e.Message}"); }
                }
                collector.StartCell(cell);
                var clock = Stopwatch.StartNew();
                var started = DateTime.UtcNow;
                CellOutcome outcome;
                if (kernel is null || cell.KernelName == KernelNames.Html)
                {
                    cell.Outputs.Add(new DisplayOutput(new Dictionary<string, string> { ["text/html"] = cell.Source }));
                    outcome = CellOutcome.Ok;
                }
                else
                {
                    outcome = await kernel.SubmitAsync(i + 1, cell.Source, options.Timeout, collector.Add);
                    collector.Close();
                    if (outcome.Status is CellStatus.Crash or CellStatus.Timeout)
                    {
                        crashed = true;
                        kernel.Dispose();
                        kernel = null;
                    }
                }
                clock.Stop();
                cell.ExecutionCount = ++executionCount;
                if (outcome.Status != CellStatus.Ok)
                {
                    failed = true;
                    var text = outcome.ErrorText ?? "";
                    cell.Outputs.Add(new ErrorOutput("Error", text, text.Split('\n')));
                }
                cell.ExtraMetadata["execution"] = new JsonObject
                {
                    ["iopub.execute_input"] = started.ToString("O"),
                    ["shell.execute_reply"] = DateTime.UtcNow.ToString("O"),
                };
                cell.ExtraMetadata["course"] = new JsonObject
                {
                    ["status"] = outcome.Status.ToString().ToLowerInvariant(),
                    ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
                };
                Report(new CellRunResult(i + 1, outcome.Status, outcome.ErrorText, outcome.ErrorLine, clock.Elapsed, [.. cell.Outputs]));
            }
        }
        finally
        {
            kernel?.Dispose();
        }
        return new NotebookRunResult(path, notebook, results);

        void Report(CellRunResult result)
        {
            results.Add(result);
            onCell?.Invoke(result);
        }
    }
}
