using Course.Notebooks.Documents;
using Course.Grading;

namespace Course.Grading.Tests;

public class MarkerErrorTests
{
    const string Exercise = "#!csharp\n\n// EXERCISE step (2 points)\ndouble F(double x)\n{\n    // BEGIN SOLUTION\n    return 2 * x;\n    // END SOLUTION\n}\n\n";
    const string Test = "#!csharp\n\n// TEST step\nCheck.Close(F(1), 2, \"F(1)\");\n\n";

    static MarkerException Error(string dib) =>
        Assert.Throws<MarkerException>(() => Assignment.Parse(NotebookFile.ParseDib(dib, "bad-key.dib"), "bad-key.dib"));

    [Fact]
    public void Parse_ValidKey_ReadsExercisesPointsAndTests()
    {
        var key = Assignment.Parse(NotebookFile.Read(TestPaths.Key), TestPaths.Key);
        Assert.Equal(["momentum-step", "nesterov-lookahead", "amplification"], key.Exercises.Select(e => e.Id));
        Assert.Equal([3.0, 2.0, 2.0], key.Exercises.Select(e => e.Points));
        Assert.Equal(7, key.TotalPoints);
        Assert.Equal(["momentum-step", "nesterov-lookahead", "amplification"], key.Tests.Select(t => t.ExerciseId));
    }

    [Fact]
    public void Parse_UnclosedBeginSolution_NamesFileCellAndLine()
    {
        var e = Error("#!csharp\n\nusing System;\n\n#!csharp\n\n// EXERCISE step (2 points)\n// BEGIN SOLUTION\ndouble F(double x) => 2 * x;\n\n" + Test);
        Assert.Equal("bad-key.dib", e.Path);
        Assert.Equal(2, e.CellNumber);
        Assert.StartsWith("bad-key.dib: cell 2: line 2: BEGIN SOLUTION is never closed", e.Message);
    }

    [Fact]
    public void Parse_EndWithoutBegin_IsAnError()
    {
        var e = Error("#!csharp\n\n// EXERCISE step (2 points)\n// BEGIN SOLUTION\nint x = 1;\n// END SOLUTION\n// END SOLUTION\n\n" + Test);
        Assert.Contains("END SOLUTION without a matching BEGIN SOLUTION", e.Message);
    }

    [Fact]
    public void Parse_TestNamingAnUnknownExercise_NamesTheIdAndTheKnownOnes()
    {
        var e = Error(Exercise + Test + "#!csharp\n\n// TEST stpe\nCheck.True(true, \"x\");\n");
        Assert.Equal(3, e.CellNumber);
        Assert.Contains("TEST 'stpe' names no exercise of this notebook (known: 'step')", e.Message);
    }

    [Fact]
    public void Parse_DuplicateExerciseId_NamesBothCells()
    {
        var e = Error(Exercise + Test + Exercise);
        Assert.Equal(3, e.CellNumber);
        Assert.Contains("exercise id 'step' is already used by cell 1", e.Message);
    }

    [Theory]
    [InlineData("(0 points)")]
    [InlineData("(-2 points)")]
    [InlineData("(three points)")]
    [InlineData("(NaN points)")]
    public void Parse_PointsNotAPositiveNumber_SaysWhatWasExpected(string points)
    {
        var e = Error(Exercise.Replace("(2 points)", points) + Test);
        Assert.Equal(1, e.CellNumber);
        Assert.Contains("the points must be a positive number", e.Message);
        Assert.Contains(points, e.Message);
    }

    [Fact]
    public void Parse_ExerciseWithoutPoints_ShowsTheExpectedForm()
    {
        var e = Error(Exercise.Replace(" (2 points)", "") + Test);
        Assert.Contains("gives no points: expected '// EXERCISE <id> (<points> points)'", e.Message);
    }

    [Fact]
    public void Parse_ExerciseWithoutTest_CouldNeverEarnPoints()
    {
        var e = Error(Exercise);
        Assert.Contains("exercise 'step' has no '// TEST step' cell", e.Message);
    }

    [Fact]
    public void Parse_ExerciseWithoutSolutionBlock_WouldLeakTheAnswer()
    {
        var e = Error("#!csharp\n\n// EXERCISE step (2 points)\ndouble F(double x) => 2 * x;\n\n" + Test);
        Assert.Contains("has no '// BEGIN SOLUTION' ... '// END SOLUTION' block", e.Message);
    }

    [Fact]
    public void Parse_HiddenTestsOutsideATestCell_IsAnError()
    {
        var e = Error(Exercise + Test + "#!csharp\n\n// BEGIN HIDDEN TESTS\nint y = 2;\n// END HIDDEN TESTS\n");
        Assert.Equal(3, e.CellNumber);
        Assert.Contains("BEGIN HIDDEN TESTS outside a test cell", e.Message);
    }

    [Fact]
    public void Parse_MarkersInACellOfAnotherLanguage_AreRefusedRatherThanCopiedToStudents()
    {
        var e = Error(Exercise + Test + "#!fsharp\n\n// BEGIN SOLUTION\nlet answer = 42\n// END SOLUTION\n");
        Assert.Equal(3, e.CellNumber);
        Assert.Contains("grading markers work in C# cells only, and this is a 'fsharp' cell", e.Message);
    }

    [Fact]
    public void Parse_TwoHeadersInOneCell_AsksToSplitIt()
    {
        var e = Error("#!csharp\n\n// EXERCISE step (2 points)\n// TEST step\n// BEGIN SOLUTION\nint x = 1;\n// END SOLUTION\n");
        Assert.Contains("split the cell", e.Message);
    }

    [Fact]
    public void Parse_TestCellsClaimingPoints_KeepThemAndShareTheRest()
    {
        var key = Assignment.Parse(NotebookFile.ParseDib(Exercise.Replace("(2 points)", "(5 points)")
            + Test.Replace("// TEST step", "// TEST step (3 points)") + Test + Test, "k.dib"), "k.dib");
        Assert.Equal([3.0, 1.0, 1.0], key.Tests.Select(t => t.Points));
    }

    [Fact]
    public void Parse_TestCellsClaimingMoreThanTheExercise_IsAnError()
    {
        var e = Error(Exercise + Test.Replace("// TEST step", "// TEST step (3 points)"));
        Assert.Contains("claim 3 points, but the exercise is worth 2", e.Message);
    }

    [Fact]
    public void Parse_OrdinaryCommentsMentioningTests_AreNotMarkers()
    {
        var key = Assignment.Parse(NotebookFile.ParseDib(Exercise + Test + "#!csharp\n\n// Test the loss by hand.\n// TESTING is fun\nint z = 3;\n", "k.dib"), "k.dib");
        Assert.Single(key.Tests);
    }
}
