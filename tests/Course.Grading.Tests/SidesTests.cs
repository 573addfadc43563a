using System.Text.Json.Nodes;
using Course.Notebooks.Documents;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Grading.Tests;

/// <summary>What of a check enters the submission's process (the student's side only) and how the grader decides a
/// <c>Check.True</c> from values.</summary>
public class SidesTests
{
    static readonly string KeyPath = Path.Combine(TestPaths.Corpus, "attacks", "key-values.dib");
    static readonly Assignment Key = Assignment.Parse(NotebookFile.Read(KeyPath), KeyPath);

    static string Sources(GradedNotebook graded) => string.Join("\n#---\n", graded.Notebook.Cells.Select(c => c.Source));

    static GradedNotebook Build(ProbeMode mode) =>
        GradedNotebook.Build(Key, NotebookFile.Read(Path.Combine(TestPaths.Corpus, "attacks", "values-correct.dib")), "/opt/course/Course.dll", mode);

    [Fact]
    public void Submission_GetsNeitherTheExpectedValuesOfSetupLinesNorTheKeysSideOfConditions()
    {
        var submission = Sources(Build(ProbeMode.ActualOnly));
        // expected values: a setup variable only Close's expected side uses, Close's literals, True's literal leaves
        foreach (var secret in new[] { "6.513215599", "longRun", "1.5,", "limit", "0.06", "1 / (1 - 0.9)" })
            Assert.DoesNotContain(secret, submission);
        // what the student's side needs: the calls of the student's code with their inputs
        foreach (var needed in new[] { "Velocity(0.9, 10)", "Velocity(0.9, 50)", "Converges(1.5)", "Converges(-1.2)" })
            Assert.Contains(needed, submission);

        var key = Sources(Build(ProbeMode.AllArguments));
        foreach (var secret in new[] { "6.513215599", "longRun", "limit", "0.06" })
            Assert.Contains(secret, key);
    }

    [Fact]
    public void ExpectedOnly_IsWhatOnlyTheKeysSideUses_NeverAnInputOfTheStudentsCode()
    {
        var names = new HashSet<string> { "Step", "theta", "expected", "scale", "shown" };
        var cell = """
            var theta = new[] { 1.0, 2.0 };
            var scale = 0.5;
            Step(theta, scale);
            var expected = new[] { 0.5, 1.0 };
            double shown = 3;
            Check.Close(theta, expected, "θ");
            Check.True(theta[0] < shown, "small");
            """;
        Assert.Equal(["expected", "shown"], CheckSplitter.ExpectedOnly(cell, names, new HashSet<string>()).Order());
        // a variable another cell uses stays
        Assert.Equal(["shown"], CheckSplitter.ExpectedOnly(cell, names, new HashSet<string> { "expected" }).Order());
        var setup = CheckSplitter.WithoutDeclarationsOf(cell, new HashSet<string> { "expected", "shown" });
        Assert.DoesNotContain("0.5, 1.0", setup);
        Assert.DoesNotContain("double shown", setup);
        Assert.Contains("var scale = 0.5;", setup);
    }

    static ExpectedCall TrueCall(string condition, ISet<string> notebook, out List<Condition.Leaf> leaves, params object?[] keyLeaves)
    {
        var expression = SyntaxFactory.ParseExpression(condition);
        var (tree, split) = Condition.Split(expression, e => CheckSplitter.FreeNames(e).Overlaps(notebook), notebook);
        leaves = [.. split];
        var values = new JsonArray(keyLeaves.Select(v => System.Text.Json.JsonSerializer.SerializeToNode(v)).ToArray());
        return new ExpectedCall("True", null, "c", 0, null) { Tree = tree, Leaves = values };
    }

    [Fact]
    public void True_IsDecidedByTheGraderFromTheStudentsLeaves()
    {
        var notebook = new HashSet<string> { "Velocity", "Epochs" };
        // Velocity(0.9, 50) < limit && Math.Abs(Velocity(0.9, 50) - limit) < 0.06: the literals stay the key's
        var call = TrueCall("Velocity(0.9, 50) < 10.0 && Math.Abs(Velocity(0.9, 50) - 10.0) < 0.06", notebook, out var leaves,
            null, 10.0, null, 10.0, 0.06);
        Assert.Equal([true, false, true, false, false], leaves.Select(l => l.Actual));
        Assert.Null(ValueComparer.Compare(call, JsonNode.Parse("[9.95, 9.95]")));
        Assert.Equal("✗ Not true: c.", ValueComparer.Compare(call, JsonNode.Parse("[9.9, 9.9]")));
        Assert.NotNull(ValueComparer.Compare(call, JsonNode.Parse("[true, true]")));    // a forged `true` is not a number
        Assert.NotNull(ValueComparer.Compare(call, JsonNode.Parse("[9.95]")));          // too few values

        // integers divide as C# does; && does not evaluate what it does not need (a leaf that threw)
        var division = TrueCall("Epochs(7, 2) / 2 == 1", notebook, out _, null, 2L, 1L);
        Assert.Null(ValueComparer.Compare(division, JsonNode.Parse("[3]")));
        Assert.NotNull(ValueComparer.Compare(division, JsonNode.Parse("[3.5]")));
        var shortCircuit = TrueCall("Epochs(1, 1) == 0 || Epochs(2, 0) == 0", notebook, out _, null, 0L, null, 0L);
        Assert.Null(ValueComparer.Compare(shortCircuit, JsonNode.Parse("[0, {\"threw\":\"DivideByZeroException: boom\"}]")));
        Assert.Contains("boom", ValueComparer.Compare(shortCircuit, JsonNode.Parse("[1, {\"threw\":\"DivideByZeroException: boom\"}]")));
        // NaN is never less than anything
        var nan = TrueCall("Velocity(1, 2) < 3", notebook, out _, null, 3L);
        Assert.NotNull(ValueComparer.Compare(nan, JsonNode.Parse("[{\"double\":\"NaN\"}]")));
    }

    [Fact]
    public void True_ThatDeclaresAVariable_IsOneLeaf()
    {
        var (_, leaves) = Condition.Split(SyntaxFactory.ParseExpression("F() is double d && d > 0"), _ => true, new HashSet<string>());
        Assert.Single(leaves);
    }
}

/// <summary>What runs again after a crash: the cells still to run and the earlier cells they need, nothing graded.</summary>
public class ReplayPlanTests
{
    [Fact]
    public void Plan_AfterTheFirstExercisesCrash_KeepsWhatTheRestNeedsAndNoGradedTest()
    {
        var key = Assignment.Parse(NotebookFile.Read(AttackGrades.KeyPath), AttackGrades.KeyPath);
        var graded = GradedNotebook.Build(key, NotebookFile.Read(AttackGrades.KeyPath), "/opt/course/Course.dll");
        int Cell(Func<GradedCell, bool> what) => graded.Cells.Select((c, i) => (c, i)).First(t => what(t.c)).i;
        int epochsCheck = Cell(c => c is { Kind: GradedCellKind.Check, Test.ExerciseId: "epochs" });
        int velocityCheck = Cell(c => c is { Kind: GradedCellKind.Check, Test.ExerciseId: "velocity" });
        int epochsCell = Cell(c => c.ExerciseId == "epochs");
        int velocityCell = Cell(c => c.ExerciseId == "velocity");
        int usingsCell = graded.Notebook.Cells.Select((c, i) => (c, i)).First(t => t.c.Source.Contains("using Course.Checks;")).i;

        // epochs was graded; velocity's first check crashed; the rest is open
        var removed = new bool[graded.Cells.Count];
        removed[velocityCheck] = true;
        var plan = new Replay(graded).Plan(i => i > velocityCheck, removed);
        var indices = plan.Select(c => c.Index).OfType<int>().ToList();

        Assert.Contains(0, indices);                                   // the probe
        Assert.Contains(velocityCell, indices);                        // declares Velocity, which velocity's other checks use
        Assert.DoesNotContain(epochsCell, indices);                    // nothing after the crash uses Epochs
        Assert.DoesNotContain(epochsCheck, indices);                   // a graded test does not run again
        Assert.DoesNotContain(velocityCheck, indices);                 // nor does the crashed cell
        Assert.DoesNotContain(usingsCell, indices);
        Assert.Contains(plan, c => c.Index is null && c.Source == "using Course.Checks;"); // but its using runs
        Assert.All(Enumerable.Range(velocityCheck + 1, graded.Cells.Count - velocityCheck - 1), i => Assert.Contains(i, indices));
    }
}
