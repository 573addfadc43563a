using Course.Notebooks.Documents;

namespace Course.Grading.Tests;

/// <summary>
/// A crash costs one exercise and the replay runs only what the rest needs; the sandbox's output cap and CPU limit
/// stop a kernel, say why, and leave the other exercises graded. Each submission answers the attack key
/// (epochs 2, velocity 2, converges 1 points) rightly except for the exercise under test.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SandboxLimitTests
{
    static readonly Assignment Key = Assignment.Parse(NotebookFile.Read(AttackGrades.KeyPath), AttackGrades.KeyPath);

    static string Submission(string epochs, string velocity, string extraCell = "") => $$"""
        #!csharp

        using Course.Checks;

        #!csharp

        // EXERCISE epochs (2 points)
        int Epochs(int batches, int perEpoch)
        {
            {{epochs}}
        }

        #!csharp

        {{extraCell}}

        #!csharp

        // EXERCISE velocity (2 points)
        double Velocity(double gamma, int n)
        {
            {{velocity}}
        }

        #!csharp

        // EXERCISE converges (1 point)
        bool Converges(double gamma) => Math.Abs(gamma) < 1;
        """;

    const string RightEpochs = "return batches / perEpoch;";
    const string RightVelocity = "return (1 - Math.Pow(gamma, n)) / (1 - gamma);";

    static async Task<SubmissionGrade> Grade(ScratchFolder scratch, string source, GradeOptions options)
    {
        var path = scratch.File("submission.dib");
        File.WriteAllText(path, source);
        return await new Grader(options).GradeFileAsync(Key, path);
    }

    static double Earned(SubmissionGrade grade, string id) => grade.Exercises.Single(e => e.Id == id).Earned;

    static string Describe(SubmissionGrade grade) => Gradebook.Table(grade) + "\n" + string.Join("\n", grade.Notes) + (grade.Problem is null ? "" : "\nproblem: " + grade.Problem);

    [Fact]
    public async Task Replay_AfterACrash_RunsNeitherTheGradedExercisesTestsNorCellsTheRestDoesNotNeed()
    {
        // Unsandboxed, so that the submission can count its own calls in a file of the test's.
        using var scratch = new ScratchFolder("course-grading-tests-");
        var calls = scratch.File("calls.txt").Replace("\\", "\\\\");
        var source = Submission(
            epochs: $"System.IO.File.AppendAllText(\"{calls}\", \"epochs\\n\"); return batches / perEpoch;",
            velocity: "Environment.Exit(3); return 0;",
            extraCell: $"System.IO.File.AppendAllText(\"{calls}\", \"a cell nothing needs\\n\");");
        var grade = await Grade(scratch, source, TestPaths.Options(noSandbox: true));

        Assert.True(Math.Abs(Earned(grade, "epochs") - 2) < 1e-9, Describe(grade));
        Assert.True(Earned(grade, "velocity") == 0, Describe(grade));
        Assert.True(Math.Abs(Earned(grade, "converges") - 1) < 1e-9, Describe(grade));
        var lines = File.ReadAllLines(scratch.File("calls.txt"));
        // epochs' two checks ran once each, before the crash; the replay ran neither them nor the cell nothing needs
        Assert.True(lines.Count(l => l == "epochs") == 2, string.Join("\n", lines) + "\n" + Describe(grade));
        Assert.True(lines.Count(l => l == "a cell nothing needs") == 1, string.Join("\n", lines));
        Assert.Contains(grade.Notes, n => n.Contains("crashed the kernel") && n.Contains("graded tests not"));
    }

    [Fact]
    public async Task OutputCap_ACellThatPrintsWithoutEnd_IsStoppedAtTheCapWithAClearMessage_AndTheRestIsGraded()
    {
        using var scratch = new ScratchFolder("course-grading-tests-");
        var source = Submission(epochs: "while (true) Console.WriteLine(new string('x', 1000));", velocity: RightVelocity);
        var grade = await Grade(scratch, source, TestPaths.Options(timeoutSeconds: 120) with { OutputBytes = 1 << 20 });

        Assert.True(Earned(grade, "epochs") == 0, Describe(grade));
        Assert.True(Math.Abs(Earned(grade, "velocity") - 2) < 1e-9, Describe(grade));
        Assert.True(Math.Abs(Earned(grade, "converges") - 1) < 1e-9, Describe(grade));
        Assert.Contains(grade.Notes, n => n.Contains("more than 1 MB of output"));
        Assert.Contains("more than 1 MB of output", grade.Exercises.Single(e => e.Id == "epochs").Failure);
    }

    [Fact]
    public async Task CpuLimit_ABurningCell_IsStoppedByTheLimitBeforeItsTimeout_AndTheRestIsGraded()
    {
        using var scratch = new ScratchFolder("course-grading-tests-");
        // Two threads burn: CPU time runs out at least as fast as wall time, whatever the load.
        var source = Submission(epochs: RightEpochs,
            velocity: "var burn = new System.Threading.Thread(() => { while (true) { } }); burn.Start(); while (true) { }");
        var options = TestPaths.Options(timeoutSeconds: 400, budgetSeconds: 900) with { CpuSeconds = 25 };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var grade = await Grade(scratch, source, options);

        Assert.True(Math.Abs(Earned(grade, "epochs") - 2) < 1e-9, Describe(grade));
        Assert.True(Earned(grade, "velocity") == 0, Describe(grade));
        Assert.True(Math.Abs(Earned(grade, "converges") - 1) < 1e-9, Describe(grade));
        Assert.Contains(grade.Notes, n => n.Contains("CPU time limit (25 CPU seconds)"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(400), $"{clock.Elapsed}: the cell's timeout, not the CPU limit, stopped it");
    }
}
