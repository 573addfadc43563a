using Course.Notebooks.Documents;
using Course.Notebooks.Hosting;

namespace Course.Notebooks.Tests.Engine;

public sealed class NotebookParametersTests
{
    static Notebook WithParameters(string source) => new([NotebookCell.Markdown("# title"), NotebookCell.Code(source), NotebookCell.Code("var epochs = 99;")]);

    [Fact]
    public void Apply_ReplacesValuesInTheParametersCellOnly()
    {
        var notebook = WithParameters("// parameters\nvar epochs = 5;\nint batch = 64; // per step\nstring name = \"sgd\";\nvar tag = \"a\";\ndouble eta = 0.1;");
        NotebookParameters.Apply(notebook, new Dictionary<string, string>
        {
            ["epochs"] = "1", ["batch"] = "8", ["name"] = "momentum", ["tag"] = "\"already quoted\"", ["eta"] = "0.05",
        }, "n.dib");

        Assert.Equal(
            "// parameters\nvar epochs = 1;\nint batch = 8; // per step\nstring name = \"momentum\";\nvar tag = \"already quoted\";\ndouble eta = 0.05;",
            notebook.Cells[1].Source);
        Assert.Equal("var epochs = 99;", notebook.Cells[2].Source);
    }

    [Fact]
    public void Apply_StringWithQuotesAndBackslashes_IsEscaped()
    {
        var notebook = WithParameters("// parameters\nstring path = \"x\";");
        NotebookParameters.Apply(notebook, new Dictionary<string, string> { ["path"] = "C:\\data \"v2\"" }, "n.dib");
        Assert.Equal("// parameters\nstring path = \"C:\\\\data \\\"v2\\\"\";", notebook.Cells[1].Source);
    }

    [Fact]
    public void Apply_UnknownVariable_NamesNotebookCellAndVariable()
    {
        var notebook = WithParameters("// parameters\nvar epochs = 5;");
        var error = Assert.Throws<ParameterException>(() =>
            NotebookParameters.Apply(notebook, new Dictionary<string, string> { ["epoch"] = "1" }, "03-momentum.dib"));
        Assert.Equal("03-momentum.dib: cell 2: --param epoch=...: the parameters cell assigns no variable 'epoch' (expected a line such as 'var epoch = ...;').", error.Message);
    }

    [Fact]
    public void Apply_NoParametersCell_SaysWhatIsExpected()
    {
        var notebook = new Notebook([NotebookCell.Code("var epochs = 5;")]);
        var error = Assert.Throws<ParameterException>(() =>
            NotebookParameters.Apply(notebook, new Dictionary<string, string> { ["epochs"] = "1" }, "a.dib"));
        Assert.Contains("a.dib: --param epochs=...: the notebook has no parameters cell", error.Message);
    }
}
