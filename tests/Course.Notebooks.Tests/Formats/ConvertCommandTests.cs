using System.Reflection;
using Course.Notebooks.Documents;

namespace Course.Notebooks.Tests.Formats;

/// <summary><c>course convert</c>, run in-process through its ICommand class and through the dispatcher.</summary>
public sealed class ConvertCommandTests : IDisposable
{
    readonly ScratchFolder _temp = new("nbformat-tests-");
    readonly StringWriter _out = new();
    readonly StringWriter _error = new();

    public void Dispose() => _temp.Dispose();

    int Convert(params string[] args) => CliCommand.Run("Course.Cli.ConvertCommand", args, _out, _error);

    /// <summary>Through the dispatcher, which turns a UsageException into exit code 2 (and prints to the console).</summary>
    static int Dispatch(params string[] args) => CliCommand.Dispatch("Course.Cli.ConvertCommand", ["convert", .. args]);

    string Copy(string name)
    {
        var path = _temp.File(name);
        File.Copy(Corpus.PathOf(name), path);
        return path;
    }

    [Fact]
    public void Convert_DibToIpynb_WritesTheIpynbOfTheNotebook()
    {
        var input = Copy("canonical.dib");

        var code = Convert(input, _temp.File("out.ipynb"));

        Assert.Equal(0, code);
        Assert.Equal(NotebookFile.ToIpynb(NotebookFile.Read(input)), File.ReadAllText(_temp.File("out.ipynb")));
        Assert.Contains("(4 cells)", _out.ToString());
    }

    [Fact]
    public void Convert_DibToIpynbAndBack_EqualsTheOriginal()
    {
        var input = Copy("canonical.dib");

        Assert.Equal(0, Convert(input, _temp.File("middle.ipynb")));
        Assert.Equal(0, Convert(_temp.File("middle.ipynb"), _temp.File("back.dib")));

        Assert.Equal(File.ReadAllBytes(input), File.ReadAllBytes(_temp.File("back.dib")));
    }

    [Fact]
    public void Convert_IpynbToDib_WritesMarkdownAndCodeCells()
    {
        var input = Copy("canonical.ipynb");

        Assert.Equal(0, Convert(input, _temp.File("out.dib")));

        var dib = File.ReadAllText(_temp.File("out.dib"));
        Assert.Contains("#!markdown\n\n# Momentum on MNIST\n", dib);
        Assert.Contains("#!fsharp\n\nlet velocity = 0.1 / (1.0 - 0.9)\n", dib);
    }

    [Fact]
    public void Convert_IpynbWithOutputsToDib_WarnsWhatIsLost()
    {
        var input = Copy("canonical.ipynb");

        Assert.Equal(0, Convert(input, _temp.File("out.dib")));

        Assert.Contains($"warning: {input}: cell 2: its 3 output(s) are not kept", _error.ToString());
        Assert.Contains("cell 5: empty, so it is left out.", _error.ToString());
    }

    [Fact]
    public void Convert_ExistingOutputWithoutForce_RefusesAndLeavesItUntouched()
    {
        var input = Copy("canonical.dib");
        File.WriteAllText(_temp.File("out.ipynb"), "precious");

        var code = Convert(input, _temp.File("out.ipynb"));

        Assert.Equal(1, code);
        Assert.Equal("precious", File.ReadAllText(_temp.File("out.ipynb")));
        Assert.Contains("already exists", _error.ToString());
        Assert.Contains("--force", _error.ToString());
    }

    [Fact]
    public void Convert_ExistingOutputWithForce_ReplacesIt()
    {
        var input = Copy("canonical.dib");
        File.WriteAllText(_temp.File("out.ipynb"), "old");

        var code = Convert(input, _temp.File("out.ipynb"), "--force");

        Assert.Equal(0, code);
        Assert.StartsWith("{\n \"cells\": [", File.ReadAllText(_temp.File("out.ipynb")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Convert_OutputIsTheInput_ExitsTwoAndNeverTouchesIt(bool force)
    {
        var input = Copy("canonical.ipynb");
        var before = File.ReadAllBytes(input);
        var sameFile = Path.Combine(_temp.Path, ".", "canonical.ipynb");

        var code = force ? Dispatch(input, sameFile, "--force") : Dispatch(input, sameFile);

        Assert.Equal(2, code);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void Convert_OutputIsTheInput_ThrowsUsageNamingIt()
    {
        var input = Copy("canonical.dib");

        var error = Assert.ThrowsAny<Exception>(() => Convert(input, input, "--force"));

        Assert.Equal("UsageException", error.GetType().Name);
        Assert.Contains("never overwrites its input", error.Message);
    }

    [Theory]
    [InlineData()]
    [InlineData("only-one.dib")]
    [InlineData("a.dib", "b.ipynb", "c.ipynb")]
    [InlineData("a.dib", "b.ipynb", "--overwrite")]
    [InlineData("a.txt", "b.ipynb")]
    [InlineData("a.dib", "b.json")]
    [InlineData("a.html", "b.html")]
    public void Convert_BadArguments_ExitTwo(params string[] args)
    {
        Assert.Equal(2, Dispatch(args));
    }

    [Fact]
    public void Convert_MissingInput_ExitsOneNamingTheFile_AndWritesNothing()
    {
        var code = Convert(_temp.File("missing.dib"), _temp.File("out.ipynb"));

        Assert.Equal(1, code);
        Assert.Contains("missing.dib: file not found", _error.ToString());
        Assert.False(File.Exists(_temp.File("out.ipynb")));
    }

    [Fact]
    public void Convert_MalformedInput_ExitsOne_LeavesNoOutputOrTemporaryFile()
    {
        var input = Copy("malformed.ipynb");

        var code = Convert(input, _temp.File("out.dib"));

        Assert.Equal(1, code);
        Assert.Contains("malformed JSON at line 6", _error.ToString());
        Assert.Equal(["malformed.ipynb"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Convert_NoOutputs_WritesCellsWithoutOutputs()
    {
        var input = Copy("canonical.ipynb");

        Assert.Equal(0, Convert(input, _temp.File("clean.ipynb"), "--no-outputs"));

        var written = NotebookFile.Read(_temp.File("clean.ipynb"));
        Assert.All(written.Cells, c => Assert.Empty(c.Outputs));
        Assert.Equal(NotebookFile.Read(input).Cells.Select(c => c.Source), written.Cells.Select(c => c.Source));
    }

    [Fact]
    public void Convert_HelpOption_PrintsUsageAndExitsZero()
    {
        Assert.Equal(0, Dispatch("--help"));
    }

    [Fact]
    public void ConvertToHtml_WritesOneSelfContainedPage_WithMarkdownMathCodeAndOutputs()
    {
        var notebook = new Notebook([
            NotebookCell.Markdown("# Momentum\n\nThe step grows to $\\eta g / (1 - \\gamma)$:\n\n$$v_n = \\eta g \\sum_k \\gamma^k$$\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
            NotebookCell.Code("Console.WriteLine(\"<hi>\");"),
        ]);
        notebook.Cells[1].ExecutionCount = 1;
        notebook.Cells[1].Outputs.Add(new StreamOutput("stdout", "<hi>\n"));
        notebook.Cells[1].Outputs.Add(new DisplayOutput(new Dictionary<string, string> { ["text/plain"] = "42" }));
        notebook.Cells[1].Outputs.Add(new ErrorOutput("Error", "System.Exception: boom", ["\u001b[31mat Cell 2\u001b[0m"]));
        var input = _temp.Write("run.ipynb", NotebookFile.ToIpynb(notebook));

        Assert.Equal(0, Convert(input, _temp.File("page.html")));

        var page = File.ReadAllText(_temp.File("page.html"));
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("<title>Momentum</title>", page);
        Assert.Contains("<span class=\"math\">", page);   // inline math, typeset by KaTeX when the page opens
        Assert.Contains("<div class=\"math\">\n\\[\nv_n = ", page); // a line of $$…$$ is display math, as in Jupyter
        Assert.Contains("<table>", page);
        Assert.Contains("Console.WriteLine(&quot;&lt;hi&gt;&quot;);", page); // code is text, never markup
        Assert.Contains("<pre class=\"output stream stdout\">&lt;hi&gt;\n</pre>", page);
        Assert.Contains("<pre class=\"output text\">42</pre>", page);
        Assert.Contains("System.Exception: boom\nat Cell 2", page); // ANSI colours stripped
        Assert.Contains("katex", page);
        Assert.Contains("src:url(data:font/woff2;base64,", page);
        Assert.DoesNotContain("url(fonts/", page);
        Assert.DoesNotContain("data-course-plotly", page); // no charts, so no plotly.js
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org", ""));
        Assert.Contains("run.ipynb -> ", _out.ToString());
    }

    [Fact]
    public void ConvertToHtml_NotebookWithoutOutputs_WarnsThatItWasNotExecuted()
    {
        var input = Copy("canonical.dib");
        Assert.Equal(0, Convert(input, _temp.File("page.html")));
        Assert.Contains("has no outputs (not executed?)", _error.ToString());
        Assert.Contains("course run", _error.ToString());
    }

    [Fact]
    public void ConvertToHtml_ExistingPage_IsKeptWithoutForce_AndTheInputIsNeverTheOutput()
    {
        var input = Copy("canonical.ipynb");
        var page = _temp.Write("page.html", "my page");
        Assert.Equal(1, Convert(input, page));
        Assert.Equal("my page", File.ReadAllText(page));
        Assert.Contains("already exists", _error.ToString());
        var error = Assert.ThrowsAny<Exception>(() => Convert(page, page, "--force"));
        Assert.Equal("UsageException", error.GetType().Name);
        Assert.Contains("expected a notebook, .dib or .ipynb", error.Message);
        Assert.Equal("my page", File.ReadAllText(page));
    }
}
