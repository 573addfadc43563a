using Course.Notebooks.Documents;
using Course.Grading;

namespace Course.Grading.Tests;

public class GradedNotebookTests
{
    static readonly Assignment Key = Assignment.Parse(NotebookFile.Read(TestPaths.Key), TestPaths.Key);

    static GradedNotebook Build(string submission, string? checks = "/opt/course/Course.dll") =>
        GradedNotebook.Build(Key, NotebookFile.Read(TestPaths.Submission(submission)), checks);

    static string Sources(GradedNotebook graded) => string.Join("\n#---\n", graded.Notebook.Cells.Select(c => c.Source));

    [Fact]
    public void Split_TestCellWithHiddenChecks_GivesOneQualifiedPiecePerCheckAfterItsSetup()
    {
        var pieces = CheckSplitter.Split(Key.Notebook.Cells[Key.Tests[0].CellIndex].Source);
        Assert.Equal([false, true, true, false, true], pieces.Select(p => p.IsCheck));
        Assert.All(pieces.Where(p => p.IsCheck), p => Assert.Contains("global::Course.Checks.Check.Close(", p.Source));
        Assert.DoesNotContain(pieces, p => p.Source.Contains(" Check.Close"));
        Assert.Equal(CheckSplitter.QualifyChecks(Key.Notebook.Cells[Key.Tests[0].CellIndex].Source), string.Concat(pieces.Select(p => p.Source)));
    }

    [Theory]
    [InlineData("Check.True(ok, \"a\");", "global::Course.Checks.Check.True(ok, \"a\");")]
    [InlineData("Course.Checks.Check.True(ok, \"a\");", "global::Course.Checks.Check.True(ok, \"a\");")]
    [InlineData("global::Course.Checks.Check.True(ok, \"a\");", "global::Course.Checks.Check.True(ok, \"a\");")]
    [InlineData("MyCheck.True(ok, \"a\");", "MyCheck.True(ok, \"a\");")]
    public void QualifyChecks_RewritesEveryFormOfTheCheckingApiAndNothingElse(string source, string expected) =>
        Assert.Equal(expected, CheckSplitter.QualifyChecks(source));

    [Theory]
    [InlineData("Check.True(Near(F(x), 2), \"a\");", "Near,F,x")]
    [InlineData("var y = items.Select(z => z.Length).Sum(); Check.Equal(y, 3, \"b\");", "items")]
    [InlineData("Check.Close(Math.Abs(v), 1.0, \"c\", tolerance: 1e-3);", "Math,v")]
    [InlineData("foreach (var (k, w) in pairs) Check.True(k < w, \"d\");", "pairs")]
    public void FreeNames_AreTheLookedUpIdentifiersOnly(string source, string names) =>
        Assert.Equal(names.Split(',').Order(), CheckSplitter.FreeNames(source).Where(n => n != "Check").Order());

    [Fact]
    public void Declarations_AreTheTopLevelNamesACellAddsForLaterCells()
    {
        var names = CheckSplitter.Declarations("using M = System.Math;\nclass Math { }\ndouble rate = 0.1, decay;\nint Twice(int x) => 2 * x;\nvoid Local() { int inner = 1; }\nrecord R(int A);\nConsole.WriteLine(rate);");
        Assert.Equal(new[] { "Local", "M", "Math", "R", "Twice", "decay", "rate" }.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("inner", names);
        Assert.DoesNotContain("x", names);
    }

    [Fact]
    public void Build_SubmissionDeclaringANameTheTestsUseButTheKeyDoesNot_MarksThosePieces()
    {
        var graded = Build("cheat-shadow.dib");
        var shadowed = graded.Cells.Where(c => c.Shadowed.Count > 0).ToList();
        Assert.All(shadowed, c => Assert.Equal(["Math"], c.Shadowed));
        Assert.Contains(shadowed, c => c is { Kind: GradedCellKind.Setup, Test.ExerciseId: "nesterov-lookahead" });
        Assert.Contains(shadowed, c => c is { Kind: GradedCellKind.Helpers, Test.ExerciseId: "amplification" });
        Assert.DoesNotContain(shadowed, c => c.Test?.ExerciseId == "momentum-step");
        // The correct submission declares its own helpers (TryIt) and variables: nothing the key's tests use.
        Assert.DoesNotContain(Build("correct.dib").Cells, c => c.Shadowed.Count > 0);
    }

    [Fact]
    public void Split_CellWithoutChecks_IsOneCheck()
    {
        var pieces = CheckSplitter.Split("// TEST x\nif (F(2) != 4) throw new Exception(\"F(2) is wrong\");\n");
        Assert.Single(pieces);
        Assert.True(pieces[0].IsCheck);
    }

    [Fact]
    public void Build_UsesTheKeysTestCellsAndNeverTheSubmissionsCopies()
    {
        var graded = Build("cheat-prints.dib");
        var text = Sources(graded);
        Assert.DoesNotContain("All tests passed. Score: 3/3", text);
        Assert.DoesNotContain("catch { Console.WriteLine(\"passed\"); }", text);
        Assert.Contains("Amplification(0.75)", text); // a hidden check's student side
        Assert.Equal(3 + 2 + 4, graded.Cells.Count(c => c.Kind == GradedCellKind.Check));
        Assert.Equal(1 + 1 + 3, graded.Cells.Count(c => c.Kind == GradedCellKind.Check && c.Hidden));
    }

    [Fact]
    public void Build_ForASubmission_LeavesEveryExpectedValueOutOfTheCellsItRuns()
    {
        var key = Assignment.Parse(NotebookFile.Read(TestPaths.Key), TestPaths.Key);
        var submission = Sources(GradedNotebook.Build(key, NotebookFile.Read(TestPaths.Submission("correct.dib")), TestPaths.ChecksAssembly));
        var keyRun = Sources(GradedNotebook.Build(key, key.Notebook, TestPaths.ChecksAssembly, ProbeMode.AllArguments));
        // The expected sides (and the words of the checks) are in the key's run only; the student's side is in both.
        foreach (var expected in new[] { "new[] { 0.095, 0.19 }", "4.0000123", "HIDDEN-MARK-1", "new[] { 0.05, 0.1 }", "10.0" })
        {
            Assert.DoesNotContain(expected, submission);
            Assert.Contains(expected, keyRun);
        }
        Assert.Contains(".Value(Amplification(0.75))", submission);
        Assert.DoesNotContain("global::Course.Checks.Check.", submission);
        Assert.DoesNotContain("global::Course.Checks.Check.", keyRun);
    }

    [Fact]
    public void Build_TestCellsMissingFromTheSubmission_GoRightAfterTheirExerciseCell()
    {
        var graded = Build("cheat-helper.dib"); // has only the look-ahead test cell
        int Index(Func<GradedCell, bool> match) => graded.Cells.ToList().FindIndex(c => match(c));
        int momentumExercise = Index(c => c.Kind == GradedCellKind.Student && graded.Notebook.Cells[graded.Cells.ToList().IndexOf(c)].Source.Contains("EXERCISE momentum-step"));
        int momentumTest = Index(c => c.Test?.ExerciseId == "momentum-step");
        Assert.Equal(momentumExercise + 1, momentumTest);
        // The amplification test uses Near from the look-ahead test: the key's Near is declared again just before it.
        int helpers = Index(c => c.Kind == GradedCellKind.Helpers);
        Assert.Equal("amplification", graded.Cells[helpers].Test!.ExerciseId);
        Assert.Contains("bool Near(double a, double b) => Math.Abs(a - b) < 1e-12;", graded.Notebook.Cells[helpers].Source);
    }

    [Fact]
    public void Build_WithTheGradersLibrary_ReferencesItFirstAndDisablesTheSubmissionsCourseDll()
    {
        var submission = NotebookFile.ParseDib("#!csharp\n\n#r \"nuget: MathNet.Numerics, 5.0.0\"\n#r \"../evil/Course.dll\"\n", "s.dib");
        var graded = GradedNotebook.Build(Key, submission, "/opt/course/Course.dll");
        Assert.StartsWith("#r \"/opt/course/Course.dll\"\n", graded.Notebook.Cells[0].Source);
        Assert.Equal(GradedCellKind.Prelude, graded.Cells[0].Kind);
        var student = graded.Notebook.Cells[1].Source;
        Assert.Contains("#r \"nuget: MathNet.Numerics, 5.0.0\"", student);
        Assert.DoesNotContain("\n#r \"../evil/Course.dll\"", "\n" + student);
        Assert.Contains(graded.Notes, n => n.Contains("no cell marked '// EXERCISE momentum-step'"));
    }
}

public class ScoreTests
{
    static readonly Assignment Key = Assignment.Parse(NotebookFile.Read(TestPaths.Key), TestPaths.Key);

    /// <summary>Verdicts for the graded cells of the correct submission: all pass except those <paramref name="fails"/> picks.</summary>
    static SubmissionGrade Score(Func<GradedCell, bool> fails)
    {
        var graded = GradedNotebook.Build(Key, NotebookFile.Read(TestPaths.Submission("correct.dib")), null);
        var verdicts = graded.Cells.Select(c => fails(c) ? new Grader.Verdict(false, "boom") : new Grader.Verdict(true, null)).ToList();
        return Grader.Score(Key, graded, verdicts, "s.dib", []);
    }

    [Fact]
    public void Score_EveryCellPassing_GivesFullMarks() =>
        Assert.Equal(7, Score(_ => false).Earned, 9);

    [Fact]
    public void Score_OneFailedCheckOfThree_TakesAThirdOfThatTestCellsPoints()
    {
        var grade = Score(c => c is { Kind: GradedCellKind.Check, CheckNumber: 1, Test.ExerciseId: "momentum-step" });
        Assert.Equal(2, grade.Exercises[0].Earned, 9);
        Assert.Equal(2, grade.Exercises[0].ChecksPassed);
        Assert.Equal("boom", grade.Exercises[0].Failure);
        Assert.Equal(6, grade.Earned, 9);
    }

    [Fact]
    public void Score_FailedSetup_FailsTheChecksAfterItEvenIfTheirCellsRan()
    {
        // The momentum test: setup, check, check, hidden setup (second step), hidden check. The hidden setup fails.
        var graded = GradedNotebook.Build(Key, NotebookFile.Read(TestPaths.Submission("correct.dib")), null);
        int hiddenSetup = graded.Cells.ToList().FindLastIndex(c => c.Kind == GradedCellKind.Setup && c.Test?.ExerciseId == "momentum-step");
        var verdicts = graded.Cells.Select((c, i) => new Grader.Verdict(i != hiddenSetup, i == hiddenSetup ? "setup threw" : null)).ToList();

        var grade = Grader.Score(Key, graded, verdicts, "s.dib", []);

        Assert.Equal(2, grade.Exercises[0].ChecksPassed);
        Assert.Equal(2, grade.Exercises[0].Earned, 9);
        Assert.Equal("the test's setup failed before this check: setup threw", grade.Exercises[0].Failure);
        Assert.Contains(grade.FailedCells, f => f.StartsWith("the setup of the test of 'momentum-step'"));
    }
}
