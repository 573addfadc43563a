using System.Text.Json.Nodes;
using Course.Notebooks.Documents;

namespace Course.Notebooks.Tests.Formats;

/// <summary>The .ipynb rules, one test each, on the notebooks in Corpus/ and on small built notebooks.</summary>
public class IpynbFormatTests
{
    static Notebook Canonical() => NotebookFile.Read(Corpus.PathOf("canonical.ipynb"));

    static JsonObject Json(Notebook notebook) => JsonNode.Parse(NotebookFile.ToIpynb(notebook))!.AsObject();

    [Fact]
    public void Parse_CellTypes_GiveKindsAndKernels()
    {
        var notebook = Canonical();

        Assert.Equal(
            [(CellKind.Markdown, "markdown"), (CellKind.Code, "csharp"), (CellKind.Code, "fsharp"), (CellKind.Raw, "raw"), (CellKind.Code, "csharp")],
            notebook.Cells.Select(c => (c.Kind, c.KernelName)));
    }

    [Fact]
    public void Parse_SourceLines_AreJoinedExactly()
    {
        var notebook = Canonical();

        Assert.Equal("// parameters\nvar epochs = 2;\nConsole.WriteLine(\"epoch 1: loss 0.412\");\n10.0 / 0", notebook.Cells[1].Source);
        Assert.Equal("", notebook.Cells[4].Source);
    }

    [Fact]
    public void Parse_SourceAsOneString_IsAccepted()
    {
        var notebook = NotebookFile.Read(Corpus.PathOf("legacy.ipynb"));

        Assert.Equal("let settings = {| gamma = 0.9 |}\nsettings", notebook.Cells[0].Source);
    }

    [Fact]
    public void Parse_KernelInfo_GivesDefaultKernelAndDeclarations()
    {
        var notebook = Canonical();

        Assert.Equal("csharp", notebook.DefaultKernelName);
        Assert.Equal([new KernelDeclaration("csharp", [], "C#"), new KernelDeclaration("fsharp", ["f#", "fs"], "F#")], notebook.Kernels);
    }

    [Fact]
    public void Parse_Outputs_GiveStreamDisplayAndError()
    {
        var outputs = Canonical().Cells[1].Outputs;

        Assert.Equal(new StreamOutput("stdout", "epoch 1: loss 0.412\nepoch 2: loss 0.198\n"), outputs[0]);
        var display = Assert.IsType<DisplayOutput>(outputs[1]);
        Assert.False(display.IsExecuteResult);
        Assert.Equal(["text/html", "text/plain"], display.Data.Keys);
        Assert.Equal("10.000000000000002", display.Data["text/plain"]);
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>10.000000000000002</pre></div><style>\n.dni", display.Data["text/html"]);
        var error = Assert.IsType<ErrorOutput>(outputs[2]);
        Assert.Equal("Error", error.Name);
        Assert.StartsWith("System.DivideByZeroException", error.Value);
        Assert.Equal(2, error.Traceback.Count);
    }

    [Fact]
    public void Parse_ExecutionCount_IsNumberOrNull()
    {
        var notebook = Canonical();

        Assert.Equal(1, notebook.Cells[1].ExecutionCount);
        Assert.Null(notebook.Cells[2].ExecutionCount);
    }

    [Fact]
    public void Parse_KernelNameInMetadata_WinsOverLegacyLanguage()
    {
        var notebook = NotebookFile.Read(Corpus.PathOf("kernel-line.ipynb"));

        Assert.Equal("javascript", notebook.Cells[2].KernelName);
    }

    [Fact]
    public void Parse_LegacyLanguageAlone_ChoosesKernel()
    {
        var notebook = NotebookFile.Read(Corpus.PathOf("legacy.ipynb"));

        Assert.Equal("fsharp", notebook.Cells[0].KernelName);
    }

    [Fact]
    public void Parse_NoPolyglotMetadata_DefaultKernelFollowsKernelspecLanguage()
    {
        var notebook = NotebookFile.Read(Corpus.PathOf("legacy.ipynb"));

        Assert.Equal("fsharp", notebook.DefaultKernelName);
        Assert.Equal("fsharp", notebook.Cells[1].KernelName);
    }

    [Theory]
    [InlineData("\"kernelspec\": \"odd\"", "csharp")]
    [InlineData("\"kernelspec\": {\"language\": \"PowerShell\"}", "pwsh")]
    [InlineData("\"kernelspec\": {\"language\": \"python\"}", "csharp")]
    public void Parse_KernelspecWithoutPolyglotMetadata_ChoosesDefaultOrFallsBackToCSharp(string kernelspec, string expected)
    {
        var json = $"{{\"cells\":[],\"metadata\":{{{kernelspec}}},\"nbformat\":4,\"nbformat_minor\":2}}";

        var notebook = NotebookFile.ParseIpynb(json, "spec.ipynb");

        Assert.Equal(expected, notebook.DefaultKernelName);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($"{{{kernelspec}}}")!["kernelspec"], Json(notebook)["metadata"]!["kernelspec"]), "an unusual kernelspec is kept");
    }

    [Fact]
    public void Parse_FirstLineKernelDirective_OverridesMetadataAndIsRemovedFromSource()
    {
        var notebook = NotebookFile.Read(Corpus.PathOf("kernel-line.ipynb"));

        Assert.Equal("fsharp", notebook.Cells[0].KernelName);
        Assert.Equal("let x = 1", notebook.Cells[0].Source);
    }

    [Fact]
    public void Parse_FirstLineMagicCommand_StaysInSource()
    {
        var notebook = NotebookFile.Read(Corpus.PathOf("kernel-line.ipynb"));

        Assert.Equal("pwsh", notebook.Cells[1].KernelName);
        Assert.Equal("#!time\nGet-Date", notebook.Cells[1].Source);
    }

    [Fact]
    public void Parse_KernelMetadata_IsTakenOutOfExtraMetadata_OtherMetadataKept()
    {
        var cell = Canonical().Cells[1];

        Assert.Equal("{\"tags\":[\"parameters\"],\"vscode\":{\"languageId\":\"polyglot-notebook\"}}", cell.ExtraMetadata.ToJsonString());
        Assert.Equal("{\"id\":\"a51c9e02\"}", cell.ExtraFields.ToJsonString());
    }

    [Fact]
    public void Parse_ExecuteResultWithJsonData_KeepsJsonText()
    {
        var display = Assert.IsType<DisplayOutput>(NotebookFile.Read(Corpus.PathOf("legacy.ipynb")).Cells[0].Outputs[0]);

        Assert.True(display.IsExecuteResult);
        Assert.Equal("{\"gamma\":0.9,\"steps\":[1,2]}", display.Data["application/json"]);
    }

    [Theory]
    [InlineData("[\"a\",\"b\"]")]
    [InlineData("5")]
    [InlineData("true")]
    [InlineData("{\"γ\":[0.9,null]}")]
    public void Parse_JsonMimeData_AnyJsonValueIsWrittenBackUnchanged(string value)
    {
        var json = "{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":[{\"cell_type\":\"code\",\"source\":\"x\",\"outputs\":["
            + $"{{\"output_type\":\"display_data\",\"metadata\":{{}},\"data\":{{\"application/vnd.custom+json\":{value}}}}}]}}]}}";

        var written = JsonNode.Parse(NotebookFile.ToIpynb(NotebookFile.ParseIpynb(json)))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(value), written["cells"]![0]!["outputs"]![0]!["data"]!["application/vnd.custom+json"]));
    }

    [Fact]
    public void Parse_UnknownOutputType_IsKeptVerbatim()
    {
        var output = NotebookFile.Read(Corpus.PathOf("legacy.ipynb")).Cells[0].Outputs[1];

        var unknown = Assert.IsType<UnknownOutput>(output);
        Assert.Equal("d1", unknown.Json["transient"]!["display_id"]!.GetValue<string>());
    }

    [Fact]
    public void Write_NewNotebook_HasPolyglotNotebookMetadata()
    {
        var metadata = Json(new Notebook([NotebookCell.Code("1")]))["metadata"]!;

        Assert.Equal("{\"display_name\":\".NET (C#)\",\"language\":\"C#\",\"name\":\".net-csharp\"}", metadata["kernelspec"]!.ToJsonString());
        Assert.Equal("polyglot-notebook", metadata["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
    }

    [Fact]
    public void Write_NewNotebook_IsNbformat4Minor5()
    {
        var json = Json(new Notebook([NotebookCell.Code("1")]));

        Assert.Equal(4, json["nbformat"]!.GetValue<int>());
        Assert.Equal(5, json["nbformat_minor"]!.GetValue<int>());
    }

    [Fact]
    public void Write_CodeCell_HasKernelNameAndLegacyLanguage()
    {
        var cell = Json(new Notebook([NotebookCell.Code("let x = 1", "fsharp")]))["cells"]![0]!;

        Assert.Equal(
            "{\"dotnet_interactive\":{\"language\":\"fsharp\"},\"polyglot_notebook\":{\"kernelName\":\"fsharp\"}}",
            JupyterLayout(cell["metadata"]!));
    }

    [Fact]
    public void Write_MarkdownCell_IsMarkdownWithEmptyMetadataAndNoOutputs()
    {
        var cell = NotebookCell.Markdown("# Title\nText");
        var text = NotebookFile.ToIpynb(new Notebook([cell]));

        Assert.Contains(
            $"  {{\n   \"cell_type\": \"markdown\",\n   \"id\": \"{CellIds.FromContent(cell)}\",\n   \"metadata\": {{}},\n   \"source\": [\n    \"# Title\\n\",\n    \"Text\"\n   ]\n  }}\n",
            text);
    }

    [Fact]
    public void Write_CodeCellWithoutRun_HasNullExecutionCountAndEmptyOutputs()
    {
        var text = NotebookFile.ToIpynb(new Notebook([NotebookCell.Code("var x = 1;")]));

        Assert.Contains("   \"execution_count\": null,\n", text);
        Assert.Contains("   \"outputs\": [],\n", text);
    }

    [Theory]
    [InlineData("", "[]")]
    [InlineData("a", "[\"a\"]")]
    [InlineData("a\n", "[\"a\\n\"]")]
    [InlineData("a\nb", "[\"a\\n\",\"b\"]")]
    [InlineData("a\n\nb\n", "[\"a\\n\",\"\\n\",\"b\\n\"]")]
    public void Write_Source_IsListOfLinesEachEndingInNewlineButTheLast(string source, string expected)
    {
        var cell = Json(new Notebook([NotebookCell.Code(source)]))["cells"]![0]!;

        Assert.Equal(expected, cell["source"]!.ToJsonString());
    }

    [Fact]
    public void Write_CrLfInSource_IsWrittenAsLf()
    {
        var cell = Json(new Notebook([NotebookCell.Code("a\r\nb")]))["cells"]![0]!;

        Assert.Equal("[\"a\\n\",\"b\"]", cell["source"]!.ToJsonString());
    }

    [Fact]
    public void Write_Outputs_HaveJupyterShapes()
    {
        var cell = NotebookCell.Code("x");
        cell.ExecutionCount = 3;
        cell.Outputs.Add(new StreamOutput("stderr", "warn\n"));
        cell.Outputs.Add(new DisplayOutput(new Dictionary<string, string> { ["text/plain"] = "a\nb", ["image/png"] = "iVBO\nRw" }));
        cell.Outputs.Add(new DisplayOutput(new Dictionary<string, string> { ["application/json"] = "{\"a\":1}" }, IsExecuteResult: true));
        cell.Outputs.Add(new ErrorOutput("Error", "boom", ["line 1", "line 2"]));

        var outputs = Json(new Notebook([cell]))["cells"]![0]!["outputs"]!;

        Assert.Equal("{\"name\":\"stderr\",\"output_type\":\"stream\",\"text\":[\"warn\\n\"]}", JupyterLayout(outputs[0]!));
        Assert.Equal(
            "{\"data\":{\"image/png\":\"iVBO\\nRw\",\"text/plain\":[\"a\\n\",\"b\"]},\"metadata\":{},\"output_type\":\"display_data\"}",
            JupyterLayout(outputs[1]!));
        Assert.Equal(
            "{\"data\":{\"application/json\":{\"a\":1}},\"execution_count\":3,\"metadata\":{},\"output_type\":\"execute_result\"}",
            JupyterLayout(outputs[2]!));
        Assert.Equal(
            "{\"ename\":\"Error\",\"evalue\":\"boom\",\"output_type\":\"error\",\"traceback\":[\"line 1\",\"line 2\"]}",
            JupyterLayout(outputs[3]!));
    }

    [Fact]
    public void Write_Layout_IsSortedKeysOneSpaceIndentAndTrailingNewline()
    {
        var cell = NotebookCell.Code("1");
        var text = NotebookFile.ToIpynb(new Notebook([cell]));

        Assert.StartsWith($"{{\n \"cells\": [\n  {{\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n   \"id\": \"{CellIds.FromContent(cell)}\",\n   \"metadata\": {{\n", text);
        Assert.EndsWith("\n },\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n", text);
        Assert.DoesNotContain("\r", text);
    }

    [Fact]
    public void Write_RawCell_IsRawWithItsMetadata()
    {
        var cell = Json(Canonical())["cells"]![3]!;

        Assert.Equal("{\"cell_type\":\"raw\",\"id\":\"0738883c\",\"metadata\":{\"format\":\"text/plain\"},\"source\":[\"raw text\\n\",\"kept as it is\"]}", JupyterLayout(cell));
    }

    [Fact]
    public void Write_CellReadWithoutLegacyLanguage_DoesNotGainIt()
    {
        var notebook = NotebookFile.Read(Corpus.PathOf("kernel-line.ipynb"));

        var cell = Json(notebook)["cells"]![1]!;

        Assert.Equal("{\"polyglot_notebook\":{\"kernelName\":\"pwsh\"}}", JupyterLayout(cell["metadata"]!));
    }

    [Fact]
    public void Write_ChangedKernel_UpdatesBothMetadataKeys()
    {
        var notebook = Canonical();
        notebook.Cells[1].KernelName = "fsharp";

        var metadata = Json(notebook)["cells"]![1]!["metadata"]!;

        Assert.Equal("fsharp", metadata["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
        Assert.Equal("fsharp", metadata["dotnet_interactive"]!["language"]!.GetValue<string>());
    }

    [Fact]
    public void WithoutOutputs_RemovesOutputsAndCountsButLeavesTheOriginal()
    {
        var notebook = Canonical();

        var stripped = notebook.WithoutOutputs();

        Assert.All(stripped.Cells, c => Assert.Empty(c.Outputs));
        Assert.All(stripped.Cells, c => Assert.Null(c.ExecutionCount));
        Assert.Equal(3, notebook.Cells[1].Outputs.Count);
        Assert.Contains("\"outputs\": [],", NotebookFile.ToIpynb(stripped));
        Assert.DoesNotContain("output_type", NotebookFile.ToIpynb(stripped));
    }

    [Fact]
    public void Parse_ErrorTracebacks_AsRealNotebooksHoldThem_NullEntriesMissingOrNull_AreRead()
    {
        var cells = NotebookFile.Read(Corpus.PathOf("error-tracebacks.ipynb")).Cells;

        var withNull = Assert.IsType<ErrorOutput>(Assert.Single(cells[0].Outputs));
        Assert.Equal(["System.InvalidOperationException: the learning rate is negative", "", "   at Submission#3.<<Initialize>>d__0.MoveNext()"],
                     withNull.Traceback);
        Assert.Equal("compilation error", Assert.IsType<ErrorOutput>(Assert.Single(cells[1].Outputs)).Value);
        Assert.Empty(Assert.IsType<ErrorOutput>(Assert.Single(cells[1].Outputs)).Traceback);
        Assert.All(cells[2].Outputs, o => Assert.Empty(Assert.IsType<ErrorOutput>(o).Traceback));
    }

    [Fact]
    public void Write_ErrorTracebacks_AreAlwaysListsOfStrings()
    {
        var written = Json(NotebookFile.Read(Corpus.PathOf("error-tracebacks.ipynb")));

        var tracebacks = written["cells"]!.AsArray().SelectMany(c => c!["outputs"]!.AsArray()).Select(o => o!["traceback"]).ToList();
        Assert.Equal(4, tracebacks.Count);
        Assert.All(tracebacks, t => Assert.All(Assert.IsType<JsonArray>(t), line => Assert.Equal(System.Text.Json.JsonValueKind.String, line!.GetValueKind())));
        Assert.Equal(["System.InvalidOperationException: the learning rate is negative", "", "   at Submission#3.<<Initialize>>d__0.MoveNext()"],
                     tracebacks[0]!.AsArray().Select(l => (string)l!));
    }

    [Theory]
    [InlineData("{}", "an object")]
    [InlineData("\"one line\"", "\"one line\"")]
    [InlineData("[1]", "traceback[0] is 1")]
    public void Parse_ErrorTraceback_OfAnotherShape_ThrowsNamingTheCellAndOutput(string traceback, string described)
    {
        var json = $$"""
            {"cells":[{"cell_type":"code","execution_count":1,"metadata":{},"source":"x",
              "outputs":[{"output_type":"error","ename":"Error","evalue":"boom","traceback":{{traceback}}}]}],
             "metadata":{},"nbformat":4,"nbformat_minor":5}
            """;

        var error = Assert.Throws<NotebookFormatException>(() => NotebookFile.ParseIpynb(json, "bad.ipynb"));
        Assert.Contains("bad.ipynb", error.Message);
        Assert.Contains("cell 1", error.Message);
        Assert.Contains("output 1", error.Message);
        Assert.Contains(described, error.Message);
    }

    /// <summary>One part of a written notebook as compact JSON, keys in the order the file has them.</summary>
    static string JupyterLayout(JsonNode node) => node.ToJsonString();
}
