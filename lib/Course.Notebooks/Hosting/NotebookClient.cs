using System.Diagnostics;
using System.Text.Json.Nodes;
using Course.Notebooks.Documents;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Hosting;

/// <summary>
/// Executes one notebook's cells, as nbclient's NotebookClient does: <see cref="ExecuteCellAsync"/> runs one cell and
/// writes its outputs, execution count and timing into <see cref="Notebook"/>; <see cref="ExecuteAsync"/> runs them all
/// in order with the runner's rules (see <see cref="NotebookRunner"/>). C# cells run in a <see cref="KernelSlot"/>: one
/// kernel process, whose working directory is the notebook's folder, replaced by a fresh one after a crash or timeout.
/// </summary>
public sealed class NotebookClient : IDisposable
{
    readonly RunOptions options;
    readonly KernelSlot slot;
    readonly OutputCollector collector = new();
    int executionCount;

    /// <param name="notebook">The notebook to execute; its cells receive the outputs (pass a copy to keep the original).</param>
    /// <param name="path">Where the notebook is: its folder is the kernel's working directory, and messages name it.</param>
    /// <param name="options">Timeout, parameters, memory limit, host command.</param>
    public NotebookClient(Notebook notebook, string path, RunOptions? options = null)
    {
        Notebook = notebook;
        Path = path;
        this.options = options ?? new RunOptions();
        slot = new KernelSlot(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, this.options);
    }

    /// <summary>The notebook being executed, with the outputs so far.</summary>
    public Notebook Notebook { get; }

    /// <summary>The notebook's path.</summary>
    public string Path { get; }

    /// <summary>
    /// Runs the code cell at <paramref name="index"/> (0-based) and returns how it ended. A crash or timeout restarts the
    /// kernel slot, so the next cell runs in a fresh process without the earlier state.
    /// </summary>
    /// <exception cref="InvalidOperationException">The kernel process would not start (the message says why).</exception>
    /// <exception cref="ArgumentException">The cell is not a code cell of a kernel the engine runs.</exception>
    public async Task<CellRunResult> ExecuteCellAsync(int index)
    {
        var cell = Notebook.Cells[index];
        if (cell.Kind != CellKind.Code || !NotebookRunner.RunnableKernels.Contains(cell.KernelName))
            throw new ArgumentException($"{Path}: cell {index + 1} is not a C# or HTML code cell.", nameof(index));
        // start-up is charged to no cell, nor to its timeout
        var kernel = cell.KernelName == KernelNames.CSharp ? await slot.GetAsync() : null;
        collector.StartCell(cell);
        var clock = Stopwatch.StartNew();
        var started = DateTime.UtcNow;
        CellOutcome outcome;
        if (kernel is null) // an HTML cell shows its source
        {
            cell.Outputs.Add(new DisplayOutput(new Dictionary<string, string> { ["text/html"] = cell.Source }));
            outcome = CellOutcome.Ok;
        }
        else
        {
            outcome = await kernel.SubmitAsync(index + 1, cell.Source, options.Timeout, collector.Add);
            collector.Close();
            if (outcome.Status is CellStatus.Crash or CellStatus.Timeout) slot.Restart();
        }
        clock.Stop();
        cell.ExecutionCount = ++executionCount;
        if (outcome.Status != CellStatus.Ok)
        {
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
        return new CellRunResult(index + 1, outcome.Status, outcome.ErrorText, outcome.ErrorLine, clock.Elapsed, [.. cell.Outputs]);
    }

    /// <summary>
    /// Runs every code cell in order. After a failed cell the rest are skipped unless <see cref="RunOptions.ContinueOnError"/>
    /// (and, with <see cref="RunOptions.StopAtCrash"/>, still after a crash or timeout). <paramref name="onCell"/> hears each
    /// cell as it ends. A kernel that will not start ends the run with that as the problem.
    /// </summary>
    public async Task<NotebookRunResult> ExecuteAsync(Action<CellRunResult>? onCell = null)
    {
        var results = new List<CellRunResult>();
        bool failed = false, crashed = false;
        for (int i = 0; i < Notebook.Cells.Count; i++)
        {
            if (Notebook.Cells[i].Kind != CellKind.Code) continue;
            CellRunResult result;
            if (failed && !options.ContinueOnError || crashed && options.StopAtCrash)
                result = new CellRunResult(i + 1, CellStatus.Skipped, null, null, TimeSpan.Zero, []);
            else
            {
                try { result = await ExecuteCellAsync(i); }
                catch (InvalidOperationException e) { return new NotebookRunResult(Path, Notebook, results, $"{Path}: {e.Message}"); }
                failed |= result.Status != CellStatus.Ok;
                crashed |= result.Status is CellStatus.Crash or CellStatus.Timeout;
            }
            results.Add(result);
            onCell?.Invoke(result);
        }
        return new NotebookRunResult(Path, Notebook, results);
    }

    /// <summary>Ends the kernel process.</summary>
    public void Dispose() => slot.Dispose();
}
