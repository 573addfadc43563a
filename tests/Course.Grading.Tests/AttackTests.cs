using System.Collections.Concurrent;
using System.Diagnostics;
using Course.Notebooks.Documents;
using Course.Notebooks.Hosting;
using Course.Notebooks.Kernel;

namespace Course.Grading.Tests;

/// <summary>The attack submissions of Corpus/attacks, graded (in the sandbox) once each for the tests below.</summary>
public sealed class AttackGrades
{
    readonly ConcurrentDictionary<string, Lazy<Task<SubmissionGrade>>> grades = new();

    public static string Folder => Path.Combine(TestPaths.Corpus, "attacks");

    public static string KeyPath => Path.Combine(Folder, "key.dib");

    public Assignment Key { get; } = Assignment.Parse(NotebookFile.Read(KeyPath), KeyPath);

    public Grader Grader { get; } = new(TestPaths.Options(timeoutSeconds: 60));

    /// <summary>The key whose hidden tests keep expected values in setup variables and decide with Check.True.</summary>
    public Assignment ValuesKey { get; } = Assignment.Parse(NotebookFile.Read(Path.Combine(Folder, "key-values.dib")), Path.Combine(Folder, "key-values.dib"));

    public Task<SubmissionGrade> Of(string name, Assignment? key = null) =>
        grades.GetOrAdd((key ?? Key).Path + "|" + name, _ => new Lazy<Task<SubmissionGrade>>(() => Grader.GradeFileAsync(key ?? Key, Path.Combine(Folder, name)))).Value;
}

/// <summary>
/// One test per attack that used to raise a score: each attack is real (shown to work against the checking class in
/// a plain run, or against an unsandboxed grader), and earns nothing when graded.
/// </summary>
[Trait("Category", "Slow")]
public sealed class AttackTests(AttackGrades attacks) : IClassFixture<AttackGrades>
{
    static double Earned(SubmissionGrade grade, string id) => grade.Exercises.Single(e => e.Id == id).Earned;

    static string Describe(SubmissionGrade grade) => Gradebook.Table(grade) + (grade.Problem is null ? "" : "\nproblem: " + grade.Problem);

    /// <summary>Runs the attack notebook as a student would (the real checking class in the same process), followed by
    /// one check statement of the key; returns how that last cell ended.</summary>
    static async Task<CellRunResult> PlainRun(string name, string check)
    {
        var notebook = NotebookFile.Read(Path.Combine(AttackGrades.Folder, name));
        notebook.Cells.Insert(0, NotebookCell.Code($"#r \"{TestPaths.ChecksAssembly}\""));
        notebook.Cells.Add(NotebookCell.Code(check));
        using var scratch = new ScratchFolder("course-grading-tests-");
        var result = await NotebookRunner.RunAsync(notebook, scratch.File(name), new RunOptions(TimeSpan.FromSeconds(60), ContinueOnError: true));
        Assert.Null(result.Problem);
        return result.Cells[^1];
    }

    [Fact]
    public async Task Attack_TypeWhoseEqualsIsAlwaysTrue_PassesCheckEqualInProcessButEarnsNothing()
    {
        var plain = await PlainRun("equals.dib", "Check.Equal(Epochs(6566, 938), 7, \"hidden\");");
        Assert.True(plain.Status == CellStatus.Ok, plain.ErrorText); // the attack is real: Check.Equal passes

        var grade = await attacks.Of("equals.dib");
        Assert.True(grade.Earned == 0, Describe(grade));
        Assert.Contains("cannot grade", grade.Exercises[0].Failure);
    }

    [Fact]
    public async Task Attack_MachineCodeOfCheckCloseAndTrueOverwritten_PassesInProcessButEarnsNothing()
    {
        var plain = await PlainRun("patch.dib", "Check.Close(Velocity(0.9, 7), 5.217031, \"hidden\");\nCheck.True(false, \"false\");");
        Assert.True(plain.Status == CellStatus.Ok, plain.ErrorText); // the patched checks pass a wrong value and a false condition

        var grade = await attacks.Of("patch.dib");
        Assert.True(grade.Earned == 0, Describe(grade));
    }

    [Fact]
    public async Task Attack_ExpectedValueReadFromTheCallersIL_PassesInProcessButEarnsNothing()
    {
        var plain = await PlainRun("il.dib", "Check.Close(Velocity(0.9, 7), 5.217031, \"hidden\");");
        Assert.True(plain.Status == CellStatus.Ok, plain.ErrorText); // the literal was in the calling cell's IL

        var grade = await attacks.Of("il.dib");
        Assert.True(grade.Earned == 0, Describe(grade));
        Assert.Contains("NaN", grade.Exercises.Single(e => e.Id == "velocity").Failure);
    }

    [Fact]
    public async Task Attack_ForgedOutputAndDoneEventsWithAStolenSessionKey_EarnNothing()
    {
        var grade = await attacks.Of("forge.dib");
        Assert.True(grade.Earned == 0, Describe(grade));
        Assert.Null(grade.Problem);
    }

    [Fact]
    public async Task Attack_ProbePatchedToSendTrue_DecidesNoCheckTrue()
    {
        // Before verdicts of Check.True came from values, the probe sent the condition itself: `true` passed every one
        // (this submission earned 1.67 of 3 points then: velocity's True check and both of converges').
        var grade = await attacks.Of("forge-true.dib", attacks.ValuesKey);
        Assert.Null(grade.Problem);
        // The forgery took effect under the hand-written kernel ("Velocity(0.5, 2) is true"); under the real kernel's
        // grading run it does not yet (the same patch does work in a plain run of the real kernel), so what is held
        // here is that a `true` never decides a check, whichever way the probe's value arrives.
        var failure = grade.Exercises.Single(e => e.Id == "velocity").Failure ?? "";
        bool forged = failure.Contains("Velocity(0.5, 2) is true");
        Assert.True(forged || failure.Contains("Velocity(0.5, 2) is 0"), failure);
        // velocity: Close gets `true` where a number is expected; True's condition compares numbers, not `true`
        Assert.True(Earned(grade, "velocity") == 0, Describe(grade));
        // converges: `true` for Converges(0.9) is the answer `=> true` would give (half the points), never more
        Assert.True(Earned(grade, "converges") <= 0.5 + 1e-9, Describe(grade));
        // with the forgery in effect a hidden check of converges gets `true` for a γ where the answer is false
        if (forged) Assert.Contains(grade.Checks, c => c is { ExerciseId: "converges", Hidden: true, Passed: false });
    }

    [Fact]
    public async Task Attack_ExpectedValueOfASetupLineReadFromTheCompiledCells_EarnsNothing()
    {
        // the attack is real: in a plain run the setup line's literal is in a compiled cell the student's code can read
        var plain = await PlainRun("setup-il.dib", "var longRun = 6.513215599;\nCourse.Checks.Check.Close(Velocity(0.9, 10), longRun, \"hidden\");");
        Assert.True(plain.Status == CellStatus.Ok, plain.ErrorText);

        var grade = await attacks.Of("setup-il.dib", attacks.ValuesKey);
        var hidden = grade.Checks.Where(c => c is { ExerciseId: "velocity", Hidden: true }).ToList();
        Assert.True(hidden.Count == 2 && hidden.All(c => !c.Passed), Describe(grade));
        Assert.True(Earned(grade, "converges") == 0, Describe(grade));
    }

    [Fact]
    public async Task Grade_HonestAnswersAgainstExpectedValuesInSetupAndTrueConditions_EarnFullMarks()
    {
        var grade = await attacks.Of("values-correct.dib", attacks.ValuesKey);
        Assert.True(Math.Abs(grade.Earned - 3) < 1e-9, Describe(grade));
    }

    [Fact]
    public async Task Grade_ExerciseThatCrashesTheKernelBeforeTwoThatPass_GetsExactlyThoseTwo()
    {
        var grade = await attacks.Of("crash-first.dib");
        Assert.True(Earned(grade, "epochs") == 0, Describe(grade));
        Assert.True(Math.Abs(Earned(grade, "velocity") - 2) < 1e-9, Describe(grade));
        Assert.True(Math.Abs(Earned(grade, "converges") - 1) < 1e-9, Describe(grade));
        Assert.Contains(grade.Notes, n => n.Contains("crashed the kernel"));
    }

    /// <summary>The command line, as a process; <paramref name="path"/> replaces PATH when given.</summary>
    static (int ExitCode, string Output) Course(string? path, params string[] args)
    {
        var dotnet = Sandbox.Which("dotnet") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(TestPaths.CourseCli);
        foreach (var a in args) start.ArgumentList.Add(a);
        if (path is not null) start.Environment["PATH"] = path;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8))) { process.Kill(true); throw new TimeoutException("course " + string.Join(' ', args)); }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Processes whose command line contains <paramref name="marker"/>.</summary>
    static List<int> ProcessesWith(string marker) =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsDigit)).Select(int.Parse!)
            .Where(pid =>
            {
                try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains(marker); }
                catch (IOException) { return false; }
                catch (UnauthorizedAccessException) { return false; }
            }).ToList();

    [Fact]
    public void Attack_KeyReadThroughProcAndDetachedChildRewritingTheGradebook_WorkUnsandboxedAndFailInTheSandbox()
    {
        using var scratch = new ScratchFolder("course-grading-tests-");
        var folder = scratch.Path;
        foreach (var name in new[] { "proc.dib", "survivor.dib" })
            File.Copy(Path.Combine(AttackGrades.Folder, name), Path.Combine(folder, name));
        var key = Path.Combine(folder, "key");
        Directory.CreateDirectory(key);
        File.Copy(AttackGrades.KeyPath, Path.Combine(key, "key.dib"));
        string Csv(string name) => Path.Combine(folder, name);

        // 1) without the sandbox both attacks work: the key is read from disk, and a survivor rewrites the gradebook
        var (code, output) = Course(null, "grade", Path.Combine(folder, "proc.dib"), Path.Combine(folder, "survivor.dib"),
            "--key", key, "--csv", Csv("open.csv"), "--no-sandbox");
        try
        {
            Assert.True(code == 0, output);
            // (the CSV is not read here: the survivor may already have rewritten it, which is the attack working)
            Assert.Matches(@"proc\.dib\s+2\s+2\s+0\s+4 / 5", output); // the proc attack raises its score unsandboxed
            Thread.Sleep(TimeSpan.FromSeconds(10));
            Assert.Contains("forged", File.ReadAllText(Csv("open.csv")));
            Assert.NotEmpty(ProcessesWith("31.4159"));
        }
        finally
        {
            foreach (var pid in ProcessesWith("31.4159")) { try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } }
        }

        // 2) in the sandbox neither gains anything, and nothing the submission started is left
        (code, output) = Course(null, "grade", Path.Combine(folder, "proc.dib"), Path.Combine(folder, "survivor.dib"),
            "--key", key, "--csv", Csv("sandboxed.csv"));
        Assert.True(code == 0, output);
        Assert.Matches(@"proc\.dib\s+0\s+0\s+0\s+0 / 5", output);
        Assert.Matches(@"survivor\.dib\s+0\s+0\s+0\s+0 / 5", output);
        var written = File.ReadAllText(Csv("sandboxed.csv"));
        Assert.Empty(ProcessesWith("31.4159"));
        Assert.Empty(ProcessesWith("0.7531"));
        Thread.Sleep(TimeSpan.FromSeconds(10));
        Assert.Equal(written, File.ReadAllText(Csv("sandboxed.csv")));
    }

    [Fact]
    public void Grade_WhereBubblewrapCannotRun_RefusesWithAClearMessageUnlessNoSandbox()
    {
        using var scratch = new ScratchFolder("course-grading-tests-");
        var folder = scratch.Path;
        var (code, output) = Course(folder, "grade", TestPaths.Submission("correct.dib"), "--key", TestPaths.Key);
        Assert.Equal(1, code);
        Assert.Contains("cannot grade untrusted notebooks here: bubblewrap (bwrap) is not installed", output);
        Assert.Contains("--no-sandbox", output);
    }

    [Fact]
    public void Grade_TheKeyAsItsOwnSubmission_SaysSo()
    {
        var (code, output) = Course(null, "grade", TestPaths.Key, "--key", TestPaths.Key);
        Assert.Equal(2, code);
        Assert.Contains("is the key given with --key, not a submission", output);
    }
}
