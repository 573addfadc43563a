using Course.Notebooks.Documents;

namespace Course.Notebooks.Tests.Formats;

/// <summary>The .dib rules, one test each, on the notebooks in Corpus/ and on small inline texts.</summary>
public class DibFormatTests
{
    static Notebook Parse(string text) => NotebookFile.ParseDib(text, "test.dib");

    [Fact]
    public void Parse_MetaBlock_GivesDefaultKernelAndDeclarations()
    {
        var notebook = NotebookFile.Read(Corpus.PathOf("canonical.dib"));

        Assert.Equal("csharp", notebook.DefaultKernelName);
        Assert.Equal(
            [new KernelDeclaration("csharp", ["c#", "cs"], "C#"), new KernelDeclaration("fsharp", ["f#", "fs"], "F#")],
            notebook.Kernels);
    }

    [Fact]
    public void Parse_KernelLines_SplitCellsWithKindKernelAndTrimmedSource()
    {
        var notebook = NotebookFile.Read(Corpus.PathOf("canonical.dib"));

        Assert.Equal(
            [(CellKind.Markdown, "markdown"), (CellKind.Code, "csharp"), (CellKind.Code, "fsharp"), (CellKind.Code, "csharp")],
            notebook.Cells.Select(c => (c.Kind, c.KernelName)));
        Assert.Equal("let gamma = 0.9", notebook.Cells[2].Source);
        Assert.Equal("Console.WriteLine(\"done\");", notebook.Cells[3].Source);
    }

    [Fact]
    public void Parse_OtherHashBangLine_IsCellContent()
    {
        var notebook = Parse("#!csharp\n#!time\n#!unknown-kernel\nvar x = 1;\n");

        var cell = Assert.Single(notebook.Cells);
        Assert.Equal("#!time\n#!unknown-kernel\nvar x = 1;", cell.Source);
    }

    [Fact]
    public void Parse_SeparatorWithTrailingSpace_IsCellContent()
    {
        var notebook = Parse("#!csharp\nvar x = 1;\n#!fsharp \nlet y = 2\n");

        Assert.Equal("var x = 1;\n#!fsharp \nlet y = 2", Assert.Single(notebook.Cells).Source);
    }

    [Fact]
    public void Parse_TextBeforeFirstSeparator_IsCSharp()
    {
        var notebook = NotebookFile.Read(Corpus.PathOf("aliases.dib"));

        Assert.Equal(CellKind.Code, notebook.Cells[0].Kind);
        Assert.Equal("csharp", notebook.Cells[0].KernelName);
        Assert.Equal("var before = \"text before the first separator is C#\";", notebook.Cells[0].Source);
    }

    [Theory]
    [InlineData("c#", "csharp")]
    [InlineData("C#", "csharp")]
    [InlineData("cs", "csharp")]
    [InlineData("f#", "fsharp")]
    [InlineData("fs", "fsharp")]
    [InlineData("md", "markdown")]
    [InlineData("js", "javascript")]
    [InlineData("powershell", "pwsh")]
    [InlineData("html", "html")]
    [InlineData("mermaid", "mermaid")]
    [InlineData("http", "http")]
    [InlineData("value", "value")]
    public void Parse_AliasSeparator_GivesCanonicalKernel(string alias, string canonical)
    {
        var notebook = Parse($"#!{alias}\n\nbody\n");

        Assert.Equal(canonical, Assert.Single(notebook.Cells).KernelName);
    }

    [Fact]
    public void Parse_BlankLinesAroundCell_AreTrimmedButLinesOfSpacesKept()
    {
        var notebook = Parse("#!csharp\n\n\n  \nvar x = 1;\n\n  \n\n\n");

        Assert.Equal("  \nvar x = 1;\n\n  ", Assert.Single(notebook.Cells).Source);
    }

    [Fact]
    public void Parse_EmptyCells_AreDropped()
    {
        var notebook = NotebookFile.Read(Corpus.PathOf("aliases.dib"));

        // aliases.dib: C#, #!c#, #!md, an empty #!markdown, #!csharp, #!js
        Assert.Equal(["csharp", "csharp", "markdown", "csharp", "javascript"], notebook.Cells.Select(c => c.KernelName));
        Assert.Equal("#!unknown-kernel\nvar x = 2;", notebook.Cells[3].Source);
    }

    [Fact]
    public void Parse_DeclaredKernelAndItsAlias_SplitCells_UndeclaredIsContent()
    {
        var notebook = NotebookFile.Read(Corpus.PathOf("declared-kernel.dib"));

        Assert.Equal(["sql-course", "sql-course"], notebook.Cells.Select(c => c.KernelName));
        Assert.Equal("SELECT 2\n\n#!sql-other\n\nSELECT 3", notebook.Cells[1].Source);
        Assert.Equal("sql-course", NotebookFile.KernelOf("sqlc", notebook));
    }

    [Fact]
    public void Parse_OtherMetaMembers_AreKeptInExtraMetadata()
    {
        var notebook = NotebookFile.Read(Corpus.PathOf("declared-kernel.dib"));

        Assert.Equal("{\"custom\":{\"keep\":true}}", notebook.ExtraMetadata.ToJsonString());
    }

    [Fact]
    public void Parse_CrLfLineEndings_GiveTheSameCellsAsLf()
    {
        var lf = Corpus.Text("canonical.dib");

        var fromCrLf = Parse(lf.Replace("\n", "\r\n"));

        Assert.Equal(Parse(lf).Cells.Select(c => c.Source), fromCrLf.Cells.Select(c => c.Source));
    }

    [Fact]
    public void Parse_MetaLaterInTheFile_IsCellContent()
    {
        var notebook = Parse("#!csharp\nvar x = 1;\n#!meta\n{}\n");

        Assert.Equal("var x = 1;\n#!meta\n{}", Assert.Single(notebook.Cells).Source);
        Assert.Empty(notebook.Kernels);
    }

    [Fact]
    public void Parse_DefaultKernelFromMeta_IsUsedForTheNotebook()
    {
        var notebook = Parse("#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"fsharp\",\"items\":[]}}\n\n#!fsharp\n\nlet x = 1\n");

        Assert.Equal("fsharp", notebook.DefaultKernelName);
    }

    [Fact]
    public void Write_Notebook_UsesPolyglotLayout()
    {
        var notebook = new Notebook([NotebookCell.Markdown("# Title"), NotebookCell.Code("var x = 1;\nx")]);
        notebook.Kernels.Add(new KernelDeclaration("csharp", [], "C#"));

        var text = NotebookFile.ToDib(notebook);

        Assert.Equal(
            "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"name\":\"csharp\",\"languageName\":\"C#\"}]}}\n\n"
            + "#!markdown\n\n# Title\n\n#!csharp\n\nvar x = 1;\nx\n",
            text);
    }

    [Fact]
    public void Write_CellWithBlankEdgesOrEmpty_IsTrimmedOrLeftOut()
    {
        var notebook = new Notebook([NotebookCell.Code("\n\nvar x = 1;\n\n"), NotebookCell.Code("\n\n"), NotebookCell.Code("", "fsharp")]);

        var text = NotebookFile.ToDib(notebook);

        Assert.EndsWith("]}}\n\n#!csharp\n\nvar x = 1;\n", text);
        Assert.DoesNotContain("#!fsharp", text);
    }

    [Fact]
    public void Write_AliasKernelName_IsWrittenCanonical()
    {
        var notebook = Parse("#!c#\nvar x = 1;\n#!md\n# T\n");

        var text = NotebookFile.ToDib(notebook);

        Assert.Contains("\n#!csharp\n\nvar x = 1;\n\n#!markdown\n\n# T\n", text);
    }

    [Fact]
    public void Write_NonAsciiInMeta_IsNotEscaped()
    {
        var notebook = new Notebook([NotebookCell.Code("1")]);
        notebook.ExtraMetadata["title"] = "动量 <b>&</b>";

        Assert.Contains("\"title\":\"动量 <b>&</b>\"", NotebookFile.ToDib(notebook));
    }
}

/// <summary>What .dib cannot hold, reported before it is lost, and the cells it keeps only by a course convention.</summary>
public class DibLossTests
{
    [Fact]
    public void DibLosses_NamesOutputsEmptyCellsAndSplittingLines()
    {
        var notebook = NotebookFile.Read(Corpus.PathOf("canonical.ipynb"));
        notebook.Cells.Add(NotebookCell.Markdown("Write a .dib like this:\n#!csharp\nvar x = 1;"));

        var losses = NotebookFile.DibLosses(notebook);

        Assert.Equal(
            [
                "cell 2: its 3 output(s) are not kept (.dib holds no outputs).",
                "cell 5: empty, so it is left out.",
                "cell 6: its line '#!csharp' will be read back as the start of a new cell.",
            ],
            losses);
    }

    [Fact]
    public void DibLosses_CanonicalDib_IsEmpty()
    {
        Assert.Empty(NotebookFile.DibLosses(NotebookFile.Read(Corpus.PathOf("canonical.dib"))));
    }

    [Fact]
    public void RawCell_ThroughDib_StaysRaw()
    {
        var notebook = new Notebook([new NotebookCell(CellKind.Raw, KernelNames.Raw, "raw\ntext")]);

        var back = NotebookFile.ParseDib(NotebookFile.ToDib(notebook));

        var cell = Assert.Single(back.Cells);
        Assert.Equal((CellKind.Raw, "raw\ntext"), (cell.Kind, cell.Source));
    }

    [Fact]
    public void KernelOf_ResolvesBuiltInAndDeclaredAliases_AndUnknownIsNull()
    {
        var notebook = new Notebook();
        notebook.Kernels.Add(new KernelDeclaration("sql-db", ["#!sqldb", "db"], "T-SQL"));

        Assert.Equal("csharp", NotebookFile.KernelOf("C#", notebook));
        Assert.Equal("sql-db", NotebookFile.KernelOf("sqldb", notebook));
        Assert.Equal("sql-db", NotebookFile.KernelOf("db", notebook));
        Assert.Null(NotebookFile.KernelOf("cobol", notebook));
    }

    [Fact]
    public void Clone_IsDeep_ChangingTheCopyLeavesTheOriginal()
    {
        var original = NotebookFile.Read(Corpus.PathOf("canonical.ipynb"));
        var before = NotebookFile.ToIpynb(original);

        var copy = original.Clone();
        copy.Cells[1].Source = "changed";
        copy.Cells[1].ExtraMetadata["tags"]!.AsArray().Add("x");
        copy.Cells[1].Outputs.Clear();
        copy.ExtraMetadata["authors"] = null;
        copy.Kernels.Clear();

        Assert.Equal(before, NotebookFile.ToIpynb(original));
    }
}
