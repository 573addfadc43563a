using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Course.Notebooks.Documents;

namespace Course.Grading.Tests;

/// <summary>`course student` and `course grade` run as the command they are, in a process.</summary>
[Trait("Category", "Slow")]   // each test grades or checks whole notebooks in kernel processes
public class CommandTests
{
    static CliResult Course(params string[] args) => CourseCli.Run(args);

    static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Student_IpynbKey_WritesAnIpynbWithoutSecretsAndLeavesTheKeyAsItWas()
    {
        using var scratch = new ScratchFolder("course-grading-tests-");
        var folder = scratch.Path;
        var key = Path.Combine(folder, "momentum.ipynb");
        File.WriteAllText(key, NotebookFile.ToIpynb(NotebookFile.Read(TestPaths.Key)));
        var before = Hash(key);
        var outDir = Path.Combine(folder, "students");

        var (code, stdout, stderr) = Course("student", key, "--out", outDir);

        Assert.True(code == 0, stdout + stderr);
        var written = Path.Combine(outDir, "momentum.ipynb");
        var text = File.ReadAllText(written);
        Assert.StartsWith("{", text.TrimStart());
        var student = NotebookFile.ParseIpynb(text, written);
        Assert.Contains(student.Cells, c => c.Source.Contains("Exercise momentum-step: write your answer here."));
        Assert.All(StudentVersionTests.SecretTexts, secret => Assert.DoesNotContain(secret, text));
        Assert.Equal(before, Hash(key));
        Assert.DoesNotContain("warning", stderr);
    }

    [Fact]
    public void Check_StudentsOwnNotebook_ScoresItsVisibleTestsAsTheGraderWould()
    {
        var (code, stdout, stderr) = Course("check", TestPaths.Submission("partial.dib"));
        Assert.True(code == 1, stdout + stderr);
        // Only the visible checks (2 + 1 + 1): θ, the look-ahead and Amplification(0.9) fail, the velocity passes.
        Assert.Matches(@"momentum-step\s+1\.5 / 3\s+1/2\s+✗ θ after one step\[0\] is 1\.05, which is not within 1e-06", stdout);
        Assert.Matches(@"nesterov-lookahead\s+0 / 2\s+0/1", stdout);
        Assert.Matches(@"amplification\s+0 / 2\s+0/1", stdout);

        (code, stdout, stderr) = Course("check", TestPaths.Submission("correct.dib"));
        Assert.True(code == 0, stdout + stderr);
        Assert.Matches(@"total\s+7 / 7", stdout);
    }

    [Fact]
    public void Student_KeyWithACheckThatPassesWithoutAnAnswer_IsWrittenWithAWarning()
    {
        using var scratch = new ScratchFolder("course-grading-tests-");
        var folder = scratch.Path;
        var key = Path.Combine(folder, "weak-key.dib");
        File.WriteAllText(key, File.ReadAllText(TestPaths.Key).Replace(
            "// TEST amplification\n", "// TEST amplification\nCheck.True(Math.Abs(0.5) < 1, \"a check that tests nothing\");\n"));

        var (code, stdout, stderr) = Course("student", key, "--out", Path.Combine(folder, "students"));

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains($"{key}: warning: exercise 'amplification': 1 of 5 checks pass without an answer (0.4 points)", stderr);
    }

    [Fact]
    public void Student_KeyWhoseOwnTestFails_IsRefusedAndNothingIsWritten()
    {
        using var scratch = new ScratchFolder("course-grading-tests-");
        var folder = scratch.Path;
        var key = Path.Combine(folder, "wrong-key.dib");
        File.WriteAllText(key, File.ReadAllText(TestPaths.Key).Replace("return factor;", "return factor + 1;"));
        var outDir = Path.Combine(folder, "students");

        var (code, _, stderr) = Course("student", key, "--out", outDir);

        Assert.Equal(1, code);
        Assert.Contains("refused: the key earns 5 of 7 points against its own tests", stderr);
        Assert.False(File.Exists(Path.Combine(outDir, "wrong-key.dib")));
    }

    [Fact]
    public void Student_KeyWithACellThatThrows_IsRefusedNamingTheCell()
    {
        using var scratch = new ScratchFolder("course-grading-tests-");
        var folder = scratch.Path;
        var key = Path.Combine(folder, "throwing-key.dib");
        File.WriteAllText(key, File.ReadAllText(TestPaths.Key).Replace("using Course.Checks;", "using Course.Checks;\nthrow new InvalidOperationException(\"setup is broken\");"));

        var (code, _, stderr) = Course("student", key, "--out", Path.Combine(folder, "students"));

        Assert.Equal(1, code);
        Assert.Contains($"{key}: cell 2 of the submission: System.InvalidOperationException: setup is broken", stderr);
        Assert.Contains("refused: every cell of the key must run without error", stderr);
    }

    [Fact]
    public void Student_KeyWhoseStudentVersionWouldNotCompile_IsRefusedNamingTheCell()
    {
        using var scratch = new ScratchFolder("course-grading-tests-");
        var folder = scratch.Path;
        var key = Path.Combine(folder, "leaky-key.dib");
        // The visible check uses Near, which only the hidden block declares: fine in the key, broken for students.
        File.WriteAllText(key, File.ReadAllText(TestPaths.Key).Replace(
            "bool Near(double a, double b) => Math.Abs(a - b) < 1e-12;\nCheck.True(Near(LookAhead(1.0, 0.5, 0.9), 0.55), \"LookAhead(1, 0.5, 0.9) is θ − γ·v\");\n// BEGIN HIDDEN TESTS\n",
            "// BEGIN HIDDEN TESTS\nbool Near(double a, double b) => Math.Abs(a - b) < 1e-12;\n// END HIDDEN TESTS\nCheck.True(Near(LookAhead(1.0, 0.5, 0.9), 0.55), \"LookAhead(1, 0.5, 0.9) is θ − γ·v\");\n// BEGIN HIDDEN TESTS\n"));

        var (code, _, stderr) = Course("student", key, "--out", Path.Combine(folder, "students"));

        Assert.Equal(1, code);
        Assert.Contains($"{key}: student version: cell 6: ", stderr);
        Assert.Contains("CS0103", stderr);
        Assert.False(File.Exists(Path.Combine(folder, "students", "leaky-key.dib")));
    }

    [Fact]
    public void Student_KeyWithAMarkerError_NamesTheFileAndCell()
    {
        using var scratch = new ScratchFolder("course-grading-tests-");
        var folder = scratch.Path;
        var key = Path.Combine(folder, "unclosed.dib");
        File.WriteAllText(key, File.ReadAllText(TestPaths.Key).Replace("    // END SOLUTION\n}\n\n#!csharp\n\n// TEST momentum-step", "}\n\n#!csharp\n\n// TEST momentum-step"));

        var (code, _, stderr) = Course("student", key, "--out", Path.Combine(folder, "out"));

        Assert.Equal(1, code);
        Assert.Contains($"{key}: cell 3: line 5: BEGIN SOLUTION is never closed", stderr);
    }

    [Fact]
    public void Student_OutputOverTheKey_IsRefused()
    {
        using var scratch = new ScratchFolder("course-grading-tests-");
        var folder = scratch.Path;
        var key = Path.Combine(folder, "key.dib");
        File.Copy(TestPaths.Key, key);
        var before = Hash(key);

        var (code, _, stderr) = Course("student", key, "--out", folder);

        Assert.Equal(1, code);
        Assert.Contains("would be written over the key", stderr);
        Assert.Equal(before, Hash(key));
    }

    [Fact]
    public void Grade_FolderOfSubmissions_GradesEachOneEvenAfterAnUnreadableOneAndWritesJsonAndCsv()
    {
        using var scratch = new ScratchFolder("course-grading-tests-");
        var folder = scratch.Path;
        var submissions = Path.Combine(folder, "submissions");
        Directory.CreateDirectory(submissions);
        File.Copy(TestPaths.Submission("correct.dib"), Path.Combine(submissions, "alice.dib"));
        File.WriteAllText(Path.Combine(submissions, "anna.ipynb"), "{ \"cells\": [ this is not JSON");
        File.WriteAllText(Path.Combine(submissions, "bob.ipynb"), NotebookFile.ToIpynb(NotebookFile.Read(TestPaths.Submission("partial.dib"))));
        var json = Path.Combine(folder, "grades.json");
        var csv = Path.Combine(folder, "grades.csv");

        var (code, stdout, stderr) = Course("grade", submissions, "--key", TestPaths.Key, "--json", json, "--csv", csv, "--timeout", "60");

        Assert.True(code == 1, stdout + stderr); // one submission could not be read
        Assert.Contains("anna.ipynb\n  not graded: ", stdout.Replace("\r\n", "\n"));
        Assert.Contains("gradebook for", stdout);
        Assert.Contains("alice.dib", stdout);
        var book = JsonNode.Parse(File.ReadAllText(json))!["gradebooks"]![0]!;
        Assert.Equal(7.0, (double)book["points"]!);
        var earned = book["submissions"]!.AsArray().ToDictionary(s => Path.GetFileName((string)s!["path"]!), s => (double)s!["earned"]!);
        Assert.Equal(7.0, earned["alice.dib"]);
        Assert.Equal(2.5, earned["bob.ipynb"]);
        Assert.Equal(0.0, earned["anna.ipynb"]);
        var rows = File.ReadAllLines(csv);
        Assert.Equal("submission,key,momentum-step,nesterov-lookahead,amplification,total,points,problem", rows[0]);
        Assert.EndsWith(",2,0,0.5,2.5,7,", rows[3]);
        Assert.Contains("anna.ipynb", rows[2]);
    }

    [Theory]
    [InlineData("grade", "x.dib")]                                  // no --key
    [InlineData("grade", "x.dib", "--key", "k.dib", "--timeout", "soon")]
    [InlineData("student", "k.dib")]                                // no --out
    public void BadArguments_ExitWith2AndSayWhatIsWrong(params string[] args)
    {
        var (code, _, stderr) = Course(args);
        Assert.Equal(2, code);
        Assert.Contains("usage: course " + args[0], stderr);
    }
}
