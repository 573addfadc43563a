using Course.Notebooks.Documents;

namespace Course.Notebooks.Tests.Formats;

/// <summary>Each kind of bad input gives a NotebookFormatException naming the file, the cell where there is one, and what was expected.</summary>
public class BadInputTests
{
    static NotebookFormatException ReadFails(string name)
    {
        var path = Corpus.PathOf(name);
        var error = Assert.Throws<NotebookFormatException>(() => NotebookFile.Read(path));
        Assert.Equal(path, error.Path);
        Assert.StartsWith(path + ": ", error.Message);
        return error;
    }

    [Fact]
    public void Read_MissingFile_SaysNotFound()
    {
        var error = ReadFails("no-such-notebook.dib");

        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void Read_Folder_SaysItIsAFolder()
    {
        using var temp = new ScratchFolder("nbformat-tests-");
        Directory.CreateDirectory(temp.File("folder.ipynb"));

        var error = Assert.Throws<NotebookFormatException>(() => NotebookFile.Read(temp.File("folder.ipynb")));

        Assert.Contains("is a folder", error.Message);
    }

    [Fact]
    public void Read_UnknownExtension_ExpectsDibOrIpynb()
    {
        var error = Assert.Throws<NotebookFormatException>(() => NotebookFile.Read("notes.txt"));

        Assert.Equal("notes.txt: unknown notebook extension '.txt': expected .dib or .ipynb.", error.Message);
    }

    [Fact]
    public void Write_UnknownExtension_Throws_AndWritesNothing()
    {
        using var temp = new ScratchFolder("nbformat-tests-");

        Assert.Throws<NotebookFormatException>(() => NotebookFile.Write(new Notebook(), temp.File("out.json")));
        Assert.False(File.Exists(temp.File("out.json")));
    }

    [Fact]
    public void Read_BinaryFile_NamesTheNulByte()
    {
        var error = ReadFails("binary.ipynb");

        Assert.Contains("binary file (NUL byte at offset 4)", error.Message);
    }

    [Fact]
    public void Read_InvalidUtf8_NamesTheOffset()
    {
        var error = ReadFails("invalid-utf8.dib");

        Assert.Contains("not valid UTF-8 (bad byte at offset 19)", error.Message);
    }

    [Fact]
    public void Read_MalformedJson_GivesLineAndPosition()
    {
        var error = ReadFails("malformed.ipynb");

        Assert.Contains("malformed JSON at line 6, position 4: expected a Jupyter notebook ('\"' is invalid after a value.", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message); // System.Text.Json's own 0-based numbers would contradict ours
        Assert.Null(error.CellNumber);
    }

    [Theory]
    [InlineData("nbformat3.ipynb", "unsupported nbformat 3: expected nbformat 4.")]
    [InlineData("nbformat5.ipynb", "unsupported nbformat 5: expected nbformat 4.")]
    public void Read_UnsupportedNbformat_SaysWhichAndWhatIsExpected(string name, string reason)
    {
        var error = ReadFails(name);

        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Read_UnknownKernelNameInCellMetadata_NamesTheCell()
    {
        var error = ReadFails("unknown-kernel.ipynb");

        Assert.Equal(2, error.CellNumber);
        Assert.Contains(": cell 2: unknown kernel 'cobol' in metadata.polyglot_notebook.kernelName: expected csharp, fsharp", error.Message);
    }

    [Fact]
    public void Read_UnknownLegacyLanguage_NamesTheCell()
    {
        var json = "{\"cells\":[{\"cell_type\":\"code\",\"metadata\":{\"dotnet_interactive\":{\"language\":\"cobol\"}},\"source\":\"x\"}],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}";

        var error = Assert.Throws<NotebookFormatException>(() => NotebookFile.ParseIpynb(json, "legacy.ipynb"));

        Assert.Equal(1, error.CellNumber);
        Assert.Contains("unknown kernel 'cobol' in metadata.dotnet_interactive.language", error.Message);
    }

    [Fact]
    public void Read_UnknownCellType_NamesTheCell()
    {
        var error = ReadFails("bad-cell-type.ipynb");

        Assert.Equal(3, error.CellNumber);
        Assert.EndsWith("cell 3: cell_type \"heading\": expected \"code\", \"markdown\" or \"raw\".", error.Message);
    }

    [Fact]
    public void Read_MetaBlockNotJson_NamesTheBlockAndLine()
    {
        var error = ReadFails("bad-meta.dib");

        Assert.Contains("the #!meta block on line 1 is not valid JSON (line 4,", error.Message);
    }

    [Fact]
    public void Read_MetaDefaultKernelUnknown_SaysWhatIsExpected()
    {
        var error = ReadFails("unknown-default-kernel.dib");

        Assert.Contains("unknown kernel 'cobol' in #!meta kernelInfo.defaultKernelName: expected csharp", error.Message);
    }

    [Theory]
    [InlineData("[]", "is not a Jupyter notebook")]
    [InlineData("{\"cells\":[]}", "has no \"nbformat\"")]
    [InlineData("{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{}}", "\"cells\" is missing")]
    [InlineData("{\"nbformat\":4,\"cells\":[],\"metadata\":[]}", "\"metadata\" is an array: expected an object")]
    [InlineData("{\"nbformat\":4,\"cells\":[],\"metadata\":{\"polyglot_notebook\":{\"kernelInfo\":{\"items\":{}}}}}", "kernelInfo.items must be an array")]
    [InlineData("{\"nbformat\":4,\"cells\":[],\"metadata\":{\"polyglot_notebook\":{\"kernelInfo\":{\"items\":[{\"aliases\":[]}]}}}}", "items[0] has no \"name\"")]
    public void Read_WrongShape_SaysWhatIsExpected(string json, string expected)
    {
        var error = Assert.Throws<NotebookFormatException>(() => NotebookFile.ParseIpynb(json, "shape.ipynb"));

        Assert.Contains(expected, error.Message);
        Assert.StartsWith("shape.ipynb: ", error.Message);
    }

    [Theory]
    [InlineData("{\"cell_type\":\"code\",\"source\":5}", "source is 5: expected a string or a list of strings")]
    [InlineData("{\"cell_type\":\"code\",\"source\":\"x\",\"execution_count\":\"one\"}", "execution_count is \"one\": expected a whole number or null")]
    [InlineData("{\"cell_type\":\"code\",\"source\":\"x\",\"outputs\":[{\"data\":{}}]}", "output 1 is not an object with an output_type")]
    [InlineData("{\"cell_type\":\"code\",\"source\":\"x\",\"outputs\":[{\"output_type\":\"stream\",\"text\":\"t\"}]}", "output 1 (stream) has no \"name\"")]
    [InlineData("{\"cell_type\":\"code\",\"source\":\"x\",\"outputs\":[{\"output_type\":\"display_data\"}]}", "output 1 (display_data) has no \"data\" object")]
    public void Read_BadCellContent_NamesTheCellAndTheField(string cell, string expected)
    {
        var json = $"{{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{{}},\"cells\":[{{\"cell_type\":\"markdown\",\"source\":\"ok\"}},{cell}]}}";

        var error = Assert.Throws<NotebookFormatException>(() => NotebookFile.ParseIpynb(json, "cells.ipynb"));

        Assert.Equal(2, error.CellNumber);
        Assert.StartsWith($"cells.ipynb: cell 2: {expected}", error.Message);
    }

    [Fact]
    public void Read_DuplicateKey_IsMalformedJsonNamingTheKey()
    {
        var json = "{\"nbformat\":4,\"nbformat\":4,\"cells\":[],\"metadata\":{}}";

        var error = Assert.Throws<NotebookFormatException>(() => NotebookFile.ParseIpynb(json, "twice.ipynb"));

        Assert.StartsWith("twice.ipynb: malformed JSON", error.Message);
        Assert.Contains("'nbformat'", error.Message);
    }

    [Fact]
    public void Read_MetaBlockWithDuplicateKey_IsNotValidJson()
    {
        var text = "#!meta\n\n{\"kernelInfo\":{},\"kernelInfo\":{}}\n\n#!csharp\n\nvar x = 1;\n";

        var error = Assert.Throws<NotebookFormatException>(() => NotebookFile.ParseDib(text, "twice.dib"));

        Assert.Contains("twice.dib: the #!meta block on line 1 is not valid JSON", error.Message);
    }

    [Fact]
    public void Parse_TextWithoutPath_NamesNotebookText()
    {
        var error = Assert.Throws<NotebookFormatException>(() => NotebookFile.ParseIpynb("{"));

        Assert.StartsWith("<notebook text>: malformed JSON at line 1", error.Message);
    }
}
