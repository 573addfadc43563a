using Course.Notebooks.Documents;
using Course.Notebooks.Hosting;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Tests.Engine;

/// <summary>
/// Every notebook of the corpus run by <see cref="NotebookRunner"/> in its kernel process, the executed notebook
/// written as .ipynb, read back, and compared with its golden file (golden/NAME.txt).
/// </summary>
[Trait("Category", "Slow")]   // whole notebooks in kernel processes
public sealed class CorpusGoldenTests
{
    public static TheoryData<string, double, bool, string, int> Cases => new()
    {
        // notebook, cell timeout (s), continue on error, parameters (k=v;k=v), heap limit (MB, 0 = default)
        { "basics.dib", 120, false, "", 0 },
        { "display.ipynb", 120, false, "", 0 },
        { "compile-error.dib", 120, false, "", 0 },
        { "throws.ipynb", 120, false, "", 0 },
        { "timeout.dib", 8, false, "", 0 },
        { "exit.dib", 120, false, "", 0 },
        { "stack-overflow.dib", 120, false, "", 0 },
        { "out-of-memory.dib", 120, false, "", 200 },
        { "parameters.dib", 120, false, "epochs=1;optimizer=momentum;learningRate=0.05", 0 },
        { "continue.dib", 120, true, "", 0 },
        { "continue-crash.dib", 120, true, "", 0 },
        { "directives.dib", 120, false, "", 0 },
        { "other-kernel.dib", 120, false, "", 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_CorpusNotebook_MatchesGoldenOutputs(string name, double timeoutSeconds, bool continueOnError, string parameters, int heapMegabytes)
    {
        using var scratch = new ScratchFolder();
        EngineCorpus.CopyTo(scratch.Path);
        var options = new RunOptions(
            TimeSpan.FromSeconds(timeoutSeconds), continueOnError,
            parameters.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]),
            heapMegabytes > 0 ? (long)heapMegabytes << 20 : RunOptions.DefaultHeapHardLimit);
        var path = scratch.File(name);
        var source = File.ReadAllText(path);

        var result = await NotebookRunner.RunFileAsync(path, options);
        var written = scratch.File("executed.ipynb");
        NotebookFile.Write(result.Executed, written);

        Assert.Equal(source, File.ReadAllText(path)); // the source notebook is never touched
        Golden.Check(Path.GetFileNameWithoutExtension(name), Golden.Project(NotebookFile.Read(written), result.Problem, scratch.Path));
    }

    [Fact]
    public async Task Run_CellsThatFinish_RecordTimingAndStatusInCellMetadata()
    {
        using var scratch = new ScratchFolder();
        EngineCorpus.CopyTo(scratch.Path);
        var result = await NotebookRunner.RunFileAsync(scratch.File("compile-error.dib"));

        var cells = result.Executed.Cells;
        Assert.Equal("ok", (string?)cells[0].ExtraMetadata["course"]!["status"]);
        Assert.True((double)cells[0].ExtraMetadata["course"]!["seconds"]! > 0);
        Assert.NotNull(cells[0].ExtraMetadata["execution"]!["shell.execute_reply"]);
        Assert.Equal([CellStatus.Ok, CellStatus.Error, CellStatus.Skipped], result.Cells.Select(c => c.Status));
        Assert.Equal(3, result.Cells[1].ErrorLine);
        Assert.Null(cells[2].ExecutionCount);
        Assert.False(result.Succeeded);
    }
}
