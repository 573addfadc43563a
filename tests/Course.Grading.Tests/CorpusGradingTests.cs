using System.Collections.Concurrent;
using Course.Notebooks.Documents;
using Course.Grading;

namespace Course.Grading.Tests;

/// <summary>Grades each corpus submission once (in the engine, each in its own kernel process) for the tests below.</summary>
public sealed class CorpusGrades
{
    readonly ConcurrentDictionary<string, Lazy<Task<SubmissionGrade>>> grades = new();
    readonly ConcurrentDictionary<double, Grader> graders = new();

    public Assignment Key { get; } = Assignment.Parse(NotebookFile.Read(TestPaths.Key), TestPaths.Key);

    /// <summary>One grader per timeout, so that the key runs once for all the submissions graded with it.</summary>
    public Grader Grader(double timeoutSeconds = 60) => graders.GetOrAdd(timeoutSeconds, t => new Grader(TestPaths.Options(t)));

    public Task<SubmissionGrade> Of(string name, double timeoutSeconds = 60) =>
        grades.GetOrAdd(name, n => new Lazy<Task<SubmissionGrade>>(() =>
            Grader(timeoutSeconds).GradeFileAsync(Key, TestPaths.Submission(n)))).Value;
}

[Trait("Category", "Slow")]   // grades the corpus in kernel processes
public sealed class CorpusGradingTests(CorpusGrades corpus) : IClassFixture<CorpusGrades>
{
    static double Earned(SubmissionGrade grade, string id) => grade.Exercises.Single(e => e.Id == id).Earned;

    static string Describe(SubmissionGrade grade) => Gradebook.Table(grade) + (grade.Problem is null ? "" : "\nproblem: " + grade.Problem);

    [Fact]
    public async Task Grade_CorrectSubmissionWithExtraCells_GetsFullMarks()
    {
        var grade = await corpus.Of("correct.dib");
        Assert.True(grade.Problem is null, Describe(grade));
        Assert.True(Math.Abs(grade.Earned - 7) < 1e-9, Describe(grade));
        Assert.Equal(7, grade.Points);
        Assert.All(grade.Exercises, e => Assert.Equal(e.Checks, e.ChecksPassed));
        Assert.Equal([3, 2, 4], grade.Exercises.Select(e => e.Checks));
    }

    [Fact]
    public async Task Grade_PartlyCorrectSubmission_GetsPartialCreditPerCheck()
    {
        var grade = await corpus.Of("partial.dib");
        // momentum-step: 2 of 3 checks × 3 points; nesterov-lookahead: 0 of 2; amplification: 1 of 4 × 2 points.
        Assert.True(Math.Abs(Earned(grade, "momentum-step") - 2.0) < 1e-9, Describe(grade));
        Assert.True(Math.Abs(Earned(grade, "nesterov-lookahead") - 0.0) < 1e-9, Describe(grade));
        Assert.True(Math.Abs(Earned(grade, "amplification") - 0.5) < 1e-9, Describe(grade));
        Assert.True(Math.Abs(grade.Earned - 2.5) < 1e-9, Describe(grade));
    }

    [Fact]
    public async Task Grade_SubmissionThatDoesNotCompile_LosesOnlyThatExercise()
    {
        var grade = await corpus.Of("no-compile.dib");
        Assert.Equal(0, Earned(grade, "momentum-step"));
        Assert.Contains("CS0103", grade.Exercises[0].Failure ?? "");
        Assert.True(Math.Abs(grade.Earned - 4) < 1e-9, Describe(grade));
    }

    [Fact]
    public async Task Grade_SubmissionThatNeverEnds_LosesTheCheckThatTimedOutAndKeepsTheRest()
    {
        var grade = await corpus.Of("hangs.dib", timeoutSeconds: 20);
        // LookAhead loops forever for a negative θ: the hidden check times out, the visible one passes.
        Assert.True(Math.Abs(Earned(grade, "nesterov-lookahead") - 1.0) < 1e-9, Describe(grade));
        Assert.True(Math.Abs(grade.Earned - 6) < 1e-9, Describe(grade));
        Assert.Contains(grade.Notes, n => n.Contains("timeout"));
    }

    [Fact]
    public async Task Grade_SubmissionThatCallsEnvironmentExit_LosesThatExerciseAndTheRestIsGraded()
    {
        var grade = await corpus.Of("exits.dib");
        Assert.Equal(0, Earned(grade, "amplification"));
        Assert.True(Math.Abs(grade.Earned - 5) < 1e-9, Describe(grade));
        Assert.Contains(grade.Notes, n => n.Contains("crashed"));
    }

    [Theory]
    [InlineData("cheat-prints.dib")]        // prints "passed", edits its test cells, catches the checks' exceptions
    [InlineData("cheat-check-class.dib")]   // its own Check and Course.Checks.Check that never fail
    [InlineData("cheat-protocol.dib")]      // fake "done: ok" messages on the engine's channel
    public async Task Grade_SubmissionThatFakesItsResults_StillGetsZero(string name)
    {
        var grade = await corpus.Of(name);
        Assert.True(grade.Earned == 0, Describe(grade));
        Assert.Null(grade.Problem);
    }

    [Fact]
    public async Task Grade_SubmissionThatRedefinesATestHelper_DoesNotPassTheChecksUsingIt()
    {
        var grade = await corpus.Of("cheat-helper.dib");
        // Right answers to the first two exercises; Amplification returns 0, and the submission's own Near says
        // everything is near: the key's Near is declared again before the amplification test.
        Assert.True(Math.Abs(Earned(grade, "momentum-step") - 3) < 1e-9, Describe(grade));
        Assert.True(Math.Abs(Earned(grade, "nesterov-lookahead") - 2) < 1e-9, Describe(grade));
        Assert.True(Earned(grade, "amplification") == 0, Describe(grade));
    }
}

[Trait("Category", "Slow")]   // grades the corpus in kernel processes
public sealed class ConsoleRedirectGradingTests(CorpusGrades corpus) : IClassFixture<CorpusGrades>
{
    [Fact]
    public async Task Grade_SubmissionThatDeclaresAClassMath_GetsNoCreditFromTestsUsingMath()
    {
        var grade = await corpus.Of("cheat-shadow.dib");
        // The look-ahead and amplification tests use Near, which uses Math: without this rule the class Math
        // would earn 2 + 1 points (Near says everything is near). The momentum test does not use Math.
        Assert.True(Math.Abs(grade.Earned - 3) < 1e-9, Gradebook.Table(grade));
        Assert.Contains(grade.Notes, n => n.Contains("declares 'Math'"));
    }

    [Fact]
    public async Task Grade_SubmissionThatReplacesConsoleOut_KeepsItsPoints()
    {
        var grade = await corpus.Of("redirects-console.dib");
        Assert.True(Math.Abs(grade.Earned - 7) < 1e-9, Gradebook.Table(grade));
    }
}

public sealed class FeedbackTests(CorpusGrades corpus) : IClassFixture<CorpusGrades>
{
    // What the key's hidden tests hold: expected values, inputs, and the words of their checks.
    static readonly string[] HiddenTexts =
        ["0.095", "0.19", "HIDDEN-MARK-1", "HIDDEN-MARK-2", "HIDDEN-MARK-3", "-1.5", "LookAhead(-2", "Amplification(0.75)", "4.0000123",
         "Amplification(0.5)", "Amplification(0)", "velocity after two steps"];

    [Fact]
    public async Task Feedback_OfFailingHiddenTests_HoldsNeitherTheirExpectedValuesNorTheirInputs()
    {
        var grade = await corpus.Of("partial.dib");
        Assert.Contains(grade.Checks, c => c.Hidden && !c.Passed);
        foreach (var text in new[] { Feedback.Markdown(grade), Feedback.GradescopeJson(grade) })
        {
            Assert.All(HiddenTexts, secret => Assert.DoesNotContain(secret, text));
            Assert.Contains("θ after one step", text);                  // a visible check, with the student's value
            Assert.Contains("is 1.05, which is not within 1e-06", text);
            Assert.Contains("hidden check", text);
        }
    }

    [Fact]
    public async Task GradescopeJson_HasOneTestPerCheckWithScoresThatAddUp()
    {
        var grade = await corpus.Of("partial.dib");
        var json = System.Text.Json.Nodes.JsonNode.Parse(Feedback.GradescopeJson(grade))!;
        var tests = json["tests"]!.AsArray();
        Assert.Equal(3 + 2 + 4, tests.Count);
        Assert.Equal(2.5, (double)json["score"]!, 6);
        Assert.Equal(2.5, tests.Sum(t => (double)t!["score"]!), 6);
        Assert.Equal(7, tests.Sum(t => (double)t!["max_score"]!), 6);
        Assert.All(tests, t => Assert.Contains((string)t!["visibility"]!, new[] { "visible", "after_published" }));
    }

    [Fact, Trait("Category", "Slow")] // waits out a 50 s budget
    public async Task Grade_SubmissionPastItsTimeBudget_KeepsWhatRanAndFailsTheRest()
    {
        var grader = new Grader(TestPaths.Options(timeoutSeconds: 120, budgetSeconds: 50)); // the hang outlasts the budget, not the timeout
        var grade = await grader.GradeFileAsync(corpus.Key, TestPaths.Submission("hangs.dib"));
        // On a loaded machine the budget can run out before the first kernel has started: then the submission's problem,
        // not a note, names the budget; either way nothing past the budget earns a point.
        Assert.True(grade.Notes.Any(n => n.Contains("time budget")) || (grade.Problem ?? "").Contains("time budget"),
            Gradebook.Table(grade) + grade.Problem);
        Assert.Equal(0, grade.Exercises.Single(e => e.Id == "amplification").Earned);
        Assert.True(grade.Earned <= 4 + 1e-9, Gradebook.Table(grade));
    }
}
