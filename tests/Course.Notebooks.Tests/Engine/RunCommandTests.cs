using System.Xml.Linq;
using Course.Notebooks.Documents;

namespace Course.Notebooks.Tests.Engine;

/// <summary><c>course run</c> as a user runs it: the built course.dll in a child process.</summary>
[Trait("Category", "Slow")]   // course run on whole notebooks
public sealed class RunCommandTests
{
    static string Copy(ScratchFolder scratch, params string[] names)
    {
        var folder = scratch.File("notebooks");
        Directory.CreateDirectory(folder);
        foreach (var name in names) File.Copy(Path.Combine(EngineCorpus.Folder, name), Path.Combine(folder, name));
        return folder;
    }

    [Fact]
    public void Run_FolderWithAFailingNotebook_PrintsCellLinesErrorSummaryJUnit_AndExitsOne()
    {
        using var scratch = new ScratchFolder();
        Copy(scratch, "parameters.dib", "compile-error.dib");

        var (exit, output, error) = CourseCli.RunIn(scratch.Path,
            "run", "notebooks", "--out", "executed", "--junit", "report/junit.xml");

        Assert.Equal(1, exit);
        Assert.Matches(@"notebooks/compile-error\.dib  cell   1 +\d+\.\d\ds  ok\n", output);
        Assert.Matches(@"notebooks/compile-error\.dib  cell   2 +\d+\.\d\ds  error\n", output);
        Assert.Matches(@"notebooks/compile-error\.dib  cell   3 +0\.00s  skipped\n", output);
        Assert.Contains("2 notebook(s): 1 succeeded, 1 failed", output);
        Assert.Contains("notebooks/compile-error.dib: cell 2, line 3: (3,13): error CS0103: The name 'missing' does not exist in the current context", error);
        Assert.DoesNotContain("   at ", error);
        Assert.Contains("sgd: 5 epochs at 0.1", File.ReadAllText(scratch.File("executed/parameters.ipynb")));
        Assert.True(File.Exists(scratch.File("executed/compile-error.ipynb")));

        Assert.Equal((byte)'<', File.ReadAllBytes(scratch.File("report/junit.xml"))[0]); // no byte-order mark
        var suite = XDocument.Load(scratch.File("report/junit.xml")).Root!.Element("testsuite")!;
        Assert.Equal("2", suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        var failed = suite.Elements("testcase").Single(t => t.Element("failure") is not null);
        Assert.Equal("notebooks/compile-error.dib", failed.Attribute("name")!.Value);
        Assert.StartsWith("cell 2, line 3: (3,13): error CS0103", failed.Element("failure")!.Attribute("message")!.Value);
    }

    [Fact]
    public void Run_AllNotebooksSucceed_ExitsZero_WithParametersApplied()
    {
        using var scratch = new ScratchFolder();
        Copy(scratch, "parameters.dib");
        var (exit, output, error) = CourseCli.RunIn(scratch.Path,
            "run", "notebooks/parameters.dib", "--param", "epochs=2", "--param", "optimizer=nesterov");
        Assert.True(exit == 0, error);
        Assert.Contains("1 notebook(s): 1 succeeded, 0 failed", output);
        Assert.Contains("nesterov: 2 epochs at 0.1", File.ReadAllText(scratch.File("out/parameters.ipynb")));
    }

    [Fact]
    public void Run_OutFolderHoldingTheSource_RefusesAndLeavesTheSourceAlone()
    {
        using var scratch = new ScratchFolder();
        var folder = Copy(scratch, "throws.ipynb");
        var before = File.ReadAllText(Path.Combine(folder, "throws.ipynb"));

        var (exit, _, error) = CourseCli.RunIn(scratch.Path, "run", "notebooks", "--out", "notebooks");

        Assert.Equal(2, exit);
        Assert.Contains("would overwrite a source notebook", error);
        Assert.Equal(before, File.ReadAllText(Path.Combine(folder, "throws.ipynb")));
    }

    [Fact]
    public void Run_BadInputs_EachGetAMessageNamingTheFile_WithoutStackTraces()
    {
        using var scratch = new ScratchFolder();
        File.WriteAllText(scratch.File("broken.ipynb"), "{ \"cells\": [ ");
        File.WriteAllBytes(scratch.File("binary.ipynb"), [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]);
        File.WriteAllText(scratch.File("old.ipynb"), "{ \"nbformat\": 3, \"nbformat_minor\": 0, \"metadata\": {}, \"worksheets\": [] }");
        var (exit, output, error) = CourseCli.RunIn(scratch.Path,
            "run", "broken.ipynb", "binary.ipynb", "old.ipynb", "missing.dib", Path.Combine(EngineCorpus.Folder, "other-kernel.dib"), "--out", "o");

        Assert.Equal(1, exit);
        Assert.Contains("broken.ipynb: ", error);
        Assert.Contains("binary.ipynb: ", error);
        Assert.Contains("old.ipynb: ", error);
        Assert.Contains("missing.dib: ", error);
        Assert.Contains("other-kernel.dib: cell 2: the engine does not run 'fsharp' cells", error);
        Assert.Contains("5 notebook(s): 0 succeeded, 5 failed", output);
        Assert.False(Directory.Exists(scratch.File("o")) && Directory.EnumerateFiles(scratch.File("o")).Any(), "nothing ran, so nothing is written");
        Assert.DoesNotContain("   at ", error + output);
    }

    /// <summary>Four notebooks for --jobs: the first one slow (so the second, run beside it, ends first), the third failing.</summary>
    static string WriteJobsFolder(ScratchFolder scratch)
    {
        var folder = scratch.File("notebooks");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a-slow.dib"),
            "#!csharp\n\nSystem.Threading.Thread.Sleep(1500);\nConsole.WriteLine(\"a1\");\n\n#!csharp\n\nSystem.Threading.Thread.Sleep(1500);\nConsole.WriteLine(\"a2\");\n\n#!csharp\n\n\"a3\"\n");
        File.WriteAllText(Path.Combine(folder, "b-fast.dib"), "#!csharp\n\nConsole.WriteLine(\"b1\");\n\n#!csharp\n\n\"b2\"\n\n#!csharp\n\n\"b3\"\n");
        File.Copy(Path.Combine(EngineCorpus.Folder, "compile-error.dib"), Path.Combine(folder, "c-compile-error.dib"));
        File.WriteAllText(Path.Combine(folder, "d-fast.dib"), "#!csharp\n\n\"d1\"\n\n#!csharp\n\n\"d2\"\n");
        return folder;
    }

    /// <summary>The outputs of every cell of an executed notebook, as text, without the timing metadata.</summary>
    static string Outputs(string executed) => string.Join("\n", NotebookFile.Read(executed).Cells
        .Select(c => $"{c.Kind} {c.ExecutionCount}: " + string.Join(" | ", c.Outputs.Select(o => o switch
        {
            DisplayOutput d => string.Join(", ", d.Data.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}")),
            StreamOutput t => $"{t.Name}: {t.Text}",
            ErrorOutput e => "error: " + e.Value,
            _ => o.GetType().Name,
        }))));

    [Fact]
    public void Run_Jobs2_PrintsEachNotebookTogetherInOrder_WritesWhatSequentialWrites_AndExitsOneForTheFailingNotebook()
    {
        using var scratch = new ScratchFolder();
        WriteJobsFolder(scratch);

        var sequential = CourseCli.RunIn(scratch.Path, "run", "notebooks", "--out", "one", "--junit", "one.xml");
        var (exit, output, error) = CourseCli.RunIn(scratch.Path, "run", "notebooks", "--out", "two", "--junit", "two.xml", "--jobs", "2");

        // 1) the exit code and summary count the failing notebook, whichever job ran it
        Assert.Equal(1, sequential.ExitCode);
        Assert.Equal(1, exit);
        Assert.Contains("4 notebook(s): 3 succeeded, 1 failed", output);
        Assert.Contains("notebooks/c-compile-error.dib: cell 2, line 3: (3,13): error CS0103", error);

        // 2) the cell lines: each notebook's together, the notebooks in name order, as sequential prints them
        var order = output.Split('\n').Where(l => l.Contains("  cell ")).Select(l => l.Split("  cell ")[0]).ToList();
        var expectedOrder = sequential.Output.Split('\n').Where(l => l.Contains("  cell ")).Select(l => l.Split("  cell ")[0]).ToList();
        Assert.Equal(expectedOrder, order);
        Assert.Equal(["notebooks/a-slow.dib", "notebooks/b-fast.dib", "notebooks/c-compile-error.dib", "notebooks/d-fast.dib"], order.Distinct());

        // 3) the same executed notebooks and the same JUnit report (but for the times)
        foreach (var name in new[] { "a-slow", "b-fast", "c-compile-error", "d-fast" })
            Assert.Equal(Outputs(scratch.File($"one/{name}.ipynb")), Outputs(scratch.File($"two/{name}.ipynb")));
        static string Junit(string path) => System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), @"(time|timestamp)=""[^""]*""|\(\d+\.\d+ s\)", "");
        Assert.Equal(Junit(scratch.File("one.xml")), Junit(scratch.File("two.xml")));
    }

    [Theory]
    [InlineData("--cell-timeout", "soon", "--cell-timeout 'soon': expected a positive number of seconds.")]
    [InlineData("--param", "epochs", "--param 'epochs': expected NAME=VALUE")]
    [InlineData("--bogus", "x", "unknown option '--bogus'.")]
    [InlineData("--jobs", "0", "--jobs '0': expected a whole number of notebooks run at once, 1 or more.")]
    [InlineData("--jobs", "two", "--jobs 'two': expected a whole number of notebooks run at once, 1 or more.")]
    [InlineData("--out", "a.dib/out", "--out 'a.dib/out': cannot create the folder")]
    public void Run_BadArguments_ExitTwoWithTheReason(string option, string value, string expected)
    {
        using var scratch = new ScratchFolder();
        File.WriteAllText(scratch.File("a.dib"), "#!csharp\n\n1");
        var (exit, _, error) = CourseCli.RunIn(scratch.Path, "run", "a.dib", option, value);
        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
    }
}
