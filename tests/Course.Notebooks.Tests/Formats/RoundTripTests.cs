using System.Text.Json.Nodes;
using Course.Notebooks.Documents;

namespace Course.Notebooks.Tests.Formats;

/// <summary>Golden round trips: nothing is lost, and canonical files come back byte for byte.</summary>
public class RoundTripTests
{
    public static TheoryData<string> DibFiles => new(Directory.GetFiles(Corpus.Folder, "*.dib")
        .Select(Path.GetFileName).Where(n => n is not ("bad-meta.dib" or "invalid-utf8.dib" or "unknown-default-kernel.dib"))!);

    public static TheoryData<string> IpynbFiles => new(["canonical.ipynb", "kernel-line.ipynb", "legacy.ipynb"]);

    [Fact]
    public void Dib_CanonicalFile_IsWrittenBackByteForByte()
    {
        var original = Corpus.Text("canonical.dib");

        Assert.Equal(original, NotebookFile.ToDib(NotebookFile.ParseDib(original)));
    }

    [Theory]
    [MemberData(nameof(DibFiles))]
    public void Dib_AnyFile_IsCanonicalAfterOneWrite(string name)
    {
        var once = NotebookFile.ToDib(NotebookFile.Read(Corpus.PathOf(name)));

        Assert.Equal(once, NotebookFile.ToDib(NotebookFile.ParseDib(once)));
    }

    [Theory]
    [MemberData(nameof(DibFiles))]
    public void Dib_ToIpynbAndBack_EqualsTheCanonicalDib(string name)
    {
        var dib = NotebookFile.ToDib(NotebookFile.Read(Corpus.PathOf(name)));

        var back = NotebookFile.ToDib(NotebookFile.ParseIpynb(NotebookFile.ToIpynb(NotebookFile.ParseDib(dib))));

        Assert.Equal(dib, back);
    }

    [Fact]
    public void Dib_CanonicalFile_ThroughIpynb_IsByteForByteTheOriginal()
    {
        var original = Corpus.Text("canonical.dib");

        var back = NotebookFile.ToDib(NotebookFile.ParseIpynb(NotebookFile.ToIpynb(NotebookFile.ParseDib(original))));

        Assert.Equal(original, back);
    }

    [Theory]
    [InlineData("canonical.ipynb")]
    [InlineData("kernel-line.ipynb")]
    public void Ipynb_CanonicalFile_IsWrittenBackByteForByte(string name)
    {
        var original = Corpus.Text(name);

        Assert.Equal(original, NotebookFile.ToIpynb(NotebookFile.ParseIpynb(original)));
    }

    [Theory]
    [MemberData(nameof(IpynbFiles))]
    public void Ipynb_AnyFile_IsStableAfterOneWrite(string name)
    {
        var once = NotebookFile.ToIpynb(NotebookFile.Read(Corpus.PathOf(name)));

        Assert.Equal(once, NotebookFile.ToIpynb(NotebookFile.ParseIpynb(once)));
    }

    [Fact]
    public void Ipynb_NonCanonicalFile_KeepsEveryMetadataOutputAndUnknownField()
    {
        var original = JsonNode.Parse(Corpus.Text("legacy.ipynb"))!;

        var written = JsonNode.Parse(NotebookFile.ToIpynb(NotebookFile.Read(Corpus.PathOf("legacy.ipynb"))))!;

        Assert.True(JsonNode.DeepEquals(original["metadata"]!["kernelspec"], written["metadata"]!["kernelspec"]));
        Assert.Equal(4, written["nbformat_minor"]!.GetValue<int>());
        var outputs = written["cells"]![0]!["outputs"]!;
        Assert.True(JsonNode.DeepEquals(original["cells"]![0]!["outputs"]![1], outputs[1]), "update_display_data is kept verbatim");
        Assert.True(JsonNode.DeepEquals(original["cells"]![0]!["outputs"]![0]!["data"]!["application/json"], outputs[0]!["data"]!["application/json"]));
        Assert.Equal(2, outputs[0]!["execution_count"]!.GetValue<int>());
        Assert.Equal("fsharp", written["cells"]![0]!["metadata"]!["dotnet_interactive"]!["language"]!.GetValue<string>());
    }

    [Fact]
    public void Ipynb_UnknownTopLevelAndCellFields_AreKept()
    {
        var text = Corpus.Text("canonical.ipynb").Replace("\"nbformat\": 4,", "\"nbformat\": 4,\n \"x_extra\": {\"a\": [1, 2.5, true, null]},");

        var written = JsonNode.Parse(NotebookFile.ToIpynb(NotebookFile.ParseIpynb(text)))!;

        Assert.Equal("{\"a\":[1,2.5,true,null]}", written["x_extra"]!.ToJsonString());
        Assert.Equal("7f3c2a10", written["cells"]![0]!["id"]!.GetValue<string>());
        Assert.NotNull(written["cells"]![0]!["attachments"]!["dot.png"]);
    }

    [Fact]
    public void Write_ThenRead_File_GivesTheSameNotebook()
    {
        using var temp = new ScratchFolder("nbformat-tests-");
        var notebook = NotebookFile.Read(Corpus.PathOf("canonical.ipynb"));

        NotebookFile.Write(notebook, temp.File("copy.ipynb"));
        NotebookFile.Write(notebook, temp.File("copy.dib"));

        Assert.Equal(Corpus.Text("canonical.ipynb"), File.ReadAllText(temp.File("copy.ipynb")));
        Assert.Equal(NotebookFile.ToDib(notebook), NotebookFile.ToDib(NotebookFile.Read(temp.File("copy.dib"))));
        Assert.False(File.ReadAllBytes(temp.File("copy.dib")).AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "no BOM");
    }

    [Fact]
    public void Read_FileWithUtf8Bom_IsReadAsWithout()
    {
        using var temp = new ScratchFolder("nbformat-tests-");
        File.WriteAllBytes(temp.File("bom.dib"), [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Corpus.Text("canonical.dib"))]);

        Assert.Equal(Corpus.Text("canonical.dib"), NotebookFile.ToDib(NotebookFile.Read(temp.File("bom.dib"))));
    }
}
