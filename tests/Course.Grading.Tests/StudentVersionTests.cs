using Course.Notebooks.Documents;
using Course.Grading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Course.Grading.Tests;

public class StudentVersionTests
{
    /// <summary>Text that exists only inside the key's solution and hidden-test blocks, hidden expected values included.</summary>
    public static readonly string[] SecretTexts =
    [
        "SOLUTION-MARK-A", "SOLUTION-MARK-B", "SOLUTION-MARK-C", "HIDDEN-MARK-1", "HIDDEN-MARK-2", "HIDDEN-MARK-3",
        "theta[i] -= velocity[i]", "theta - gamma * velocity", "1 / (1 - gamma)", "double factor",
        "0.095", "0.19", "-1.5", "4.0000123", "Amplification(0.75)", "BEGIN SOLUTION", "BEGIN HIDDEN TESTS",
    ];

    static Assignment Key() => Assignment.Parse(NotebookFile.Read(TestPaths.Key), TestPaths.Key);

    static string AllText(Notebook notebook) => NotebookFile.ToDib(notebook) + NotebookFile.ToIpynb(notebook);

    [Fact]
    public void Make_SampleKey_LeavesNoSolutionHiddenTestOrHiddenExpectedValue()
    {
        var text = AllText(StudentVersion.Make(Key()));
        Assert.All(SecretTexts, secret => Assert.DoesNotContain(secret, text));
    }

    [Fact]
    public void Make_SampleKey_KeepsSignaturesVisibleTestsAndMarkers()
    {
        var student = StudentVersion.Make(Key());
        var text = NotebookFile.ToDib(student);
        Assert.Contains("void MomentumStep(double[] theta, double[] velocity, double[] grad, double learningRate, double gamma)\n{\n"
            + "    throw new NotImplementedException(\"Exercise momentum-step: write your answer here.\");\n}", text);
        Assert.Contains("double LookAhead(double theta, double velocity, double gamma) => throw new NotImplementedException(\"Exercise nesterov-lookahead: write your answer here.\");", text);
        Assert.Contains("Check.Close(Amplification(0.9), 10.0, \"Amplification(0.9)\", tolerance: 1e-9);", text);
        Assert.Contains("// EXERCISE amplification (2 points)", text);
        Assert.Contains("// TEST amplification", text);
        Assert.Contains(StudentVersion.HiddenTestsNote, text);
        Assert.Equal(Key().Notebook.Cells.Count, student.Cells.Count);
    }

    [Fact]
    public void Make_EveryCodeCellOfTheStudentVersion_ParsesWithoutSyntaxErrors()
    {
        foreach (var cell in StudentVersion.Make(Key()).Cells.Where(c => c.Kind == CellKind.Code))
        {
            var tree = CSharpSyntaxTree.ParseText(cell.Source, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script));
            Assert.True(!tree.GetDiagnostics().Any(), cell.Source + "\n" + string.Join("\n", tree.GetDiagnostics()));
        }
    }

    [Fact]
    public void Make_KeyWithOutputs_ClearsThemAndLeavesTheKeyAsItWas()
    {
        var key = Key();
        key.Notebook.Cells[3].Outputs.Add(new StreamOutput("stdout", "velocity after two steps: 0.095\n"));
        key.Notebook.Cells[3].ExecutionCount = 4;
        var before = NotebookFile.ToIpynb(key.Notebook);

        var student = StudentVersion.Make(key);

        Assert.All(student.Cells, c => { Assert.Empty(c.Outputs); Assert.Null(c.ExecutionCount); });
        Assert.Equal(before, NotebookFile.ToIpynb(key.Notebook));
    }

    [Fact]
    public void Stub_TopLevelSolution_KeepsTypedDeclarationsAndMethodSignaturesThenThrows()
    {
        var lines = Markers.Lines(
            "// EXERCISE rate (1 point)\n// BEGIN SOLUTION\ndouble rate = 0.25; // secret\nvar guess = 3;\n/* note */ int Twice(int x) { return 2 * x; }\nConsole.WriteLine(rate);\n// END SOLUTION");
        var stub = string.Join("\n", SolutionStub.For(lines, new MarkedBlock(MarkerKind.BeginSolution, 1, 6), "rate"));
        Assert.Equal("double rate = default;\nint Twice(int x) => throw new NotImplementedException(\"Exercise rate: write your answer here.\");\n"
            + "throw new NotImplementedException(\"Exercise rate: write your answer here.\");", stub);
    }

    [Fact]
    public void Stub_SolutionInsideAClassBody_StubsMembersWithoutAThrowStatement()
    {
        var lines = Markers.Lines(
            "// EXERCISE opt (1 point)\nclass Opt\n{\n    // BEGIN SOLUTION\n    public double Gamma { get; } = 0.9;\n    public double Step(double v) => Gamma * v;\n    // END SOLUTION\n}");
        var stub = SolutionStub.For(lines, new MarkedBlock(MarkerKind.BeginSolution, 3, 6), "opt");
        Assert.Equal(["    public double Gamma { get; }",
            "    public double Step(double v) => throw new NotImplementedException(\"Exercise opt: write your answer here.\");"], stub);
    }
}
