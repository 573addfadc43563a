using System.Xml.Linq;

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

    [Theory]
    [InlineData("--cell-timeout", "soon", "--cell-timeout 'soon': expected a positive number of seconds.")]
    [InlineData("--param", "epochs", "--param 'epochs': expected NAME=VALUE")]
    [InlineData("--bogus", "x", "unknown option '--bogus'.")]
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
