using System.Diagnostics;
using System.Text.Json.Nodes;
using Course.Notebooks.Documents;
using Course.Notebooks.Hosting;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Tests.Engine;

/// <summary>The kernel process (<c>dotnet Course.Notebooks.dll</c>) spoken to directly over its JSON-lines protocol.</summary>
[Trait("Category", "Slow")]   // kernel processes
public sealed class KernelHostTests
{
    const string Key = "TESTKEY0123";

    static Process Start(string folder)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(KernelHost).Assembly.Location])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        process.StandardInput.WriteLine(new JsonObject { ["type"] = "hello", ["key"] = Key }.ToJsonString());
        process.StandardInput.Flush();
        return process;
    }

    static async Task<JsonNode> NextAsync(Process process)
    {
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.NotNull(line);
        var message = JsonNode.Parse(line)!;
        Assert.Equal(Key, (string?)message["key"]); // every event carries the session key
        return message;
    }

    [Fact]
    public async Task Host_AnswersReadyThenOutputsAndDone_WithNothingElseOnStdout()
    {
        using var scratch = new ScratchFolder();
        using var process = Start(scratch.Path);
        Assert.Equal("ready", (string?)(await NextAsync(process))["type"]);

        await process.StandardInput.WriteLineAsync(
            new JsonObject { ["type"] = "submit", ["cell"] = 4, ["code"] = "Console.WriteLine(Console.ReadLine() ?? \"no input\");\nSystem.IO.Directory.GetCurrentDirectory()" }.ToJsonString());
        await process.StandardInput.FlushAsync();
        var stream = await NextAsync(process);
        var display = await NextAsync(process);
        var done = await NextAsync(process);

        Assert.Equal(("output", 4, "stream", "no input\n"), ((string?)stream["type"], (int)stream["cell"]!, (string?)stream["value"]!["kind"], (string?)stream["value"]!["text"]));
        Assert.Equal(scratch.Path, (string?)display["value"]!["data"]!["text/plain"]);
        Assert.Equal(("done", 4, "ok"), ((string?)done["type"], (int)done["cell"]!, (string?)done["status"]));
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Host_WhenStdinCloses_ExitsEvenInTheMiddleOfALongCell()
    {
        using var scratch = new ScratchFolder();
        using var process = Start(scratch.Path);
        await NextAsync(process);
        await process.StandardInput.WriteLineAsync(
            new JsonObject { ["type"] = "submit", ["cell"] = 1, ["code"] = "Console.WriteLine(\"started\"); System.Threading.Thread.Sleep(120_000);" }.ToJsonString());
        await process.StandardInput.FlushAsync();
        Assert.Equal("started\n", (string?)(await NextAsync(process))["value"]!["text"]);

        var clock = Stopwatch.StartNew();
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "the kernel process outlived its runner");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Runner_EventsACellForgesOnRawStdout_AreThatCellsTextNotItsOutcome()
    {
        // A cell writes a fake "done ok" for itself and for the next cell straight to the process's stdout,
        // then throws; the next cell throws too. Neither may be reported as ok.
        using var scratch = new ScratchFolder();
        var forge = """
            var raw = new System.IO.StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
            foreach (var n in new[] { 0, 1, 2, 3 }) raw.WriteLine("{\"type\":\"done\",\"key\":\"guessed\",\"cell\":" + n + ",\"status\":\"ok\"}");
            throw new Exception("first cell fails");
            """;
        var notebook = new Notebook();
        notebook.Cells.Add(NotebookCell.Code(forge));
        notebook.Cells.Add(NotebookCell.Code("throw new Exception(\"second cell fails\");"));
        var path = System.IO.Path.Combine(scratch.Path, "forge.ipynb");

        var result = await NotebookRunner.RunAsync(notebook, path, new RunOptions(ContinueOnError: true));

        Assert.False(result.Succeeded);
        Assert.Equal([CellStatus.Error, CellStatus.Error], result.Cells.Select(c => c.Status));
        Assert.Contains("first cell fails", result.Cells[0].ErrorText);
        var printed = string.Concat(result.Executed.Cells[0].Outputs.OfType<StreamOutput>().Select(o => o.Text));
        Assert.Contains("\"type\":\"done\"", printed); // the forged lines show up as the cell's own text
    }

    [Fact]
    public async Task Runner_UpdateOfAValueDisplayedInAnEarlierCell_ReplacesThatDisplay()
    {
        using var scratch = new ScratchFolder();
        var notebook = new Notebook();
        // The invocation context's Display returns the value it published, so its Update names the same display id.
        // (display(x) and x.Display() return a copy with a new id: their Update adds a new output, as in VS Code; see
        // NotebookKernelTests.)
        notebook.Cells.Add(NotebookCell.Code("var shown = Microsoft.DotNet.Interactive.KernelInvocationContextExtensions.Display(Microsoft.DotNet.Interactive.KernelInvocationContext.Current, \"first\");"));
        notebook.Cells.Add(NotebookCell.Code("shown.Update(\"second\");"));
        var path = System.IO.Path.Combine(scratch.Path, "update.ipynb");

        var result = await NotebookRunner.RunAsync(notebook, path);

        Assert.True(result.Succeeded, result.FirstFailure?.ErrorText);
        var first = Assert.Single(result.Executed.Cells[0].Outputs);
        Assert.Equal("second", Assert.IsType<DisplayOutput>(first).Data["text/plain"]);
        Assert.Empty(result.Executed.Cells[1].Outputs);
    }
}
