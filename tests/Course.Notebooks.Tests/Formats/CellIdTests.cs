using System.Text.Json.Nodes;
using Course.Notebooks.Documents;

namespace Course.Notebooks.Tests.Formats;

/// <summary>nbformat 4.5 cell ids: written for every cell, kept when valid, derived from content otherwise, and checked by
/// Jupyter's own nbformat; `course normalize` rewrites and checks files.</summary>
public sealed class CellIdTests : IDisposable
{
    readonly ScratchFolder _temp = new("cell-ids-");

    public void Dispose() => _temp.Dispose();

    static Notebook Sample() => new([
        NotebookCell.Markdown("# Title"),
        NotebookCell.Code("var x = 1;"),
        NotebookCell.Code("var x = 1;"), // the same source twice
        NotebookCell.Markdown("The end."),
    ]);

    static List<string?> Ids(string ipynb) =>
        JsonNode.Parse(ipynb)!["cells"]!.AsArray().Select(c => (string?)c!["id"]).ToList();

    [Fact]
    public void Write_GivesEveryCellAnIdFromItsContent_UniqueEvenForEqualSources()
    {
        var ids = Ids(NotebookFile.ToIpynb(Sample()));
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{8}(-[0-9]+)?$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids[1] + "-2", ids[2]);
        // SHA-256("markdown\n# Title"), first 8 hex digits: the same on every machine and every run
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("markdown\n# Title"u8.ToArray()))[..8].ToLowerInvariant(), ids[0]);
    }

    [Fact]
    public void Rewrite_OfAWrittenNotebook_ChangesNothing_AndKeepsIdsWhenCellsMove()
    {
        string first = NotebookFile.ToIpynb(Sample());
        Assert.Equal(first, NotebookFile.ToIpynb(NotebookFile.ParseIpynb(first)));

        var notebook = NotebookFile.ParseIpynb(first);
        var ids = Ids(first);
        notebook.Cells.Insert(0, NotebookCell.Code("// new cell"));
        notebook.Cells[2].Source = "var x = 2;"; // an edited cell keeps its id
        var after = Ids(NotebookFile.ToIpynb(notebook));
        Assert.Equal(ids, after.Skip(1));
    }

    [Fact]
    public void Write_KeepsValidIds_AndReplacesMalformedOrRepeatedOnes()
    {
        var notebook = Sample();
        notebook.Cells[0].ExtraFields["id"] = "front-end_id-1";
        notebook.Cells[1].ExtraFields["id"] = "has space";
        notebook.Cells[2].ExtraFields["id"] = "front-end_id-1";
        var ids = Ids(NotebookFile.ToIpynb(notebook));
        Assert.Equal("front-end_id-1", ids[0]);
        Assert.Matches("^[0-9a-f]{8}$", ids[1]);
        Assert.Matches("^[0-9a-f]{8}(-2)?$", ids[2]);
        Assert.NotEqual(ids[1], ids[2]);
    }

    [Fact]
    public void Write_Nbformat44_HasNoIds_AsItsSchemaRequires()
    {
        var notebook = Sample();
        notebook.FormatMinor = 4;
        Assert.All(Ids(NotebookFile.ToIpynb(notebook)), id => Assert.Null(id));
    }

    [Fact]
    public void WrittenNotebooks_AreValidForJupytersNbformat_At45And44()
    {
        var v45 = _temp.Write("v45.ipynb", NotebookFile.ToIpynb(Sample()));
        var old = Sample();
        old.FormatMinor = 4;
        var v44 = _temp.Write("v44.ipynb", NotebookFile.ToIpynb(old));
        NbformatValidator.AssertValid([v45, v44]);
        // and the validator can fail: a 4.5 cell without an id
        var json = JsonNode.Parse(File.ReadAllText(v45))!;
        json["cells"]![0]!.AsObject().Remove("id");
        var bad = _temp.Write("bad.ipynb", json.ToJsonString());
        Assert.Contains("id", NbformatValidator.Validate([bad])[bad]);
    }

    [Fact]
    public void Normalize_RewritesOnce_ThenCheckPasses_AndCheckNamesWhatIsWrong()
    {
        var notebook = Sample();
        notebook.FormatMinor = 4;
        string path = _temp.Write("old.ipynb", NotebookFile.ToIpynb(notebook));
        string before = File.ReadAllText(path);

        var check = CourseCli.Run("normalize", "--check", path);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("nbformat 4.4", check.Output);
        Assert.Contains("4 of 4 cells without an id", check.Output);
        Assert.Equal(before, File.ReadAllText(path)); // --check writes nothing

        Assert.Equal(0, CourseCli.Run("normalize", _temp.Path).ExitCode);
        string after = File.ReadAllText(path);
        Assert.Equal(4, Ids(after).Count(id => id is not null));
        Assert.Equal(5, (int)JsonNode.Parse(after)!["nbformat_minor"]!);
        NbformatValidator.AssertValid([path]);

        var again = CourseCli.Run("normalize", path);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("0 of 1 notebook(s) rewritten", again.Output);
        Assert.Equal(after, File.ReadAllText(path));
        Assert.Equal(0, CourseCli.Run("normalize", "--check", path).ExitCode);
    }

    [Fact]
    public void Normalize_BadInput_NamesTheFile_AndLeavesItAlone()
    {
        string broken = _temp.Write("broken.ipynb", "{ not json");
        var result = CourseCli.Run("normalize", broken);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken.ipynb", result.Error);
        Assert.Equal("{ not json", File.ReadAllText(broken));
        Assert.Equal(2, CourseCli.Run("normalize", "--fix").ExitCode);
        Assert.Equal(2, CourseCli.Run("normalize").ExitCode);
    }
}
