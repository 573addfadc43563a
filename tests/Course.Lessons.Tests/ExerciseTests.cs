using System.Text.RegularExpressions;
using Course.Notebooks.Documents;
using Course.Grading;

namespace Course.Lessons.Tests;

/// <summary>The student versions in exercises/, run once through `course run` (MNIST notebooks with epochs = 1).</summary>
public sealed class ExecutedExercises : IDisposable
{
    readonly CourseWorkspace _workspace = new();

    public CliResult FunnelRun { get; }
    public CliResult MnistRun { get; }
    public CliResult SequenceRun { get; }
    public IReadOnlyDictionary<string, Notebook> Executed { get; }

    /// <summary>Where `course run` wrote the executed student versions (NAME.ipynb).</summary>
    public string OutFolder { get; }

    public ExecutedExercises()
    {
        var folder = _workspace.CopyNotebooks(CourseFolders.Exercises, "exercises");
        var names = CourseFolders.NotebookNames();
        var outFolder = OutFolder = Path.Combine(_workspace.Root, "executed");
        FunnelRun = _workspace.Run(folder, names.Except(CourseFolders.MnistNotebooks).Except(CourseFolders.SequenceNotebooks), outFolder, "--continue-on-error");
        MnistRun = _workspace.Run(folder, CourseFolders.MnistNotebooks, outFolder, "--continue-on-error", "--param", "epochs=1");
        SequenceRun = _workspace.Run(folder, CourseFolders.SequenceNotebooks, outFolder, ["--continue-on-error", .. CourseFolders.SequenceShortParameters]);
        Executed = names.Where(n => File.Exists(Path.Combine(outFolder, n + ".ipynb")))
            .ToDictionary(n => n, n => NotebookFile.Read(Path.Combine(outFolder, n + ".ipynb")));
    }

    public void Dispose() => _workspace.Dispose();
}

/// <summary>
/// exercises/ holds exactly what `course student` makes from notebooks/ (solutions stubbed, hidden tests removed), and a
/// student who has written nothing yet can still run every cell outside the exercises: only the exercise test cells fail,
/// each with the stub's NotImplementedException.
/// </summary>
public class ExerciseFileTests
{
    [Fact]
    public void Exercises_HoldOneStudentVersionPerKey()
    {
        Assert.Equal(CourseFolders.NotebookNames(),
            Directory.EnumerateFiles(CourseFolders.Exercises).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Exercise_IsTheStudentVersionOfItsKey(string name)
    {
        var keyPath = Path.Combine(CourseFolders.Notebooks, name + ".ipynb");
        var expected = NotebookFile.ToIpynb(StudentVersion.Make(Assignment.Parse(NotebookFile.Read(keyPath), keyPath)));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(CourseFolders.Exercises, name + ".ipynb")));
    }

    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Exercise_ContainsNoSolutionOrHiddenTest(string name)
    {
        var text = File.ReadAllText(Path.Combine(CourseFolders.Exercises, name + ".ipynb"));
        Assert.DoesNotContain("BEGIN SOLUTION", text);
        Assert.DoesNotContain("BEGIN HIDDEN TESTS", text);
    }

}

/// <summary>The student versions run: see <see cref="ExerciseFileTests"/>.</summary>
[Collection("executed course")]
[Trait("Category", "Slow")]   // runs the whole course's student versions
public class ExerciseTests(ExecutedExercises exercises) : IClassFixture<ExecutedExercises>
{
    [Theory]
    [MemberData(nameof(CourseFolders.All), MemberType = typeof(CourseFolders))]
    public void Exercise_RunsWithOnlyItsExerciseTestCellsAndTheCellsThatNeedAnAnswerFailing(string name)
    {
        Assert.True(exercises.Executed.TryGetValue(name, out var executed),
            $"{name} was not executed.\n{exercises.FunnelRun}\n{exercises.MnistRun}");
        AssertOnlyTheStubsFailed(name, executed!);
    }

    /// <summary>The rule for an executed student version (by `course run` or by nbclient on the .NET kernel): every exercise
    /// test cell fails with the stub's NotImplementedException, and any other cell that fails follows text naming an
    /// exercise whose stub has thrown.</summary>
    public static void AssertOnlyTheStubsFailed(string name, Notebook executed)
    {
        string introduction = "";
        var stubsThatThrew = new HashSet<string>();
        foreach (var cell in executed.Cells)
        {
            if (cell.Kind == CellKind.Markdown) { introduction = cell.Source; continue; }
            if (cell.Kind != CellKind.Code) continue;
            var error = cell.Outputs.OfType<ErrorOutput>().FirstOrDefault();
            string text = error is null ? "" : error.Name + error.Value + string.Concat(error.Traceback);
            foreach (Match stub in Regex.Matches(text, @"NotImplementedException.*?Exercise (?<id>[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9])"))
                stubsThatThrew.Add(stub.Groups["id"].Value);
            if (cell.Source.StartsWith("// TEST "))
            {
                Assert.True(error is not null, $"{name}: a test cell passed although its exercise is only a stub:\n{cell.Source}");
                Assert.Contains("NotImplementedException", text);
            }
            else if (error is not null)
            {
                // a cell that uses an answer may fail, if its text names the exercise and that exercise's stub has thrown
                var named = Regex.Matches(introduction, @"exercise `(?<id>[^`]+)`").Select(m => m.Groups["id"].Value).ToList();
                Assert.True(named.Any(stubsThatThrew.Contains),
                    $"{name}: a cell outside the exercise tests failed, and the text before it does not name an exercise whose stub threw " +
                    $"({string.Join(", ", stubsThatThrew)}):\n{cell.Source}\n{error.Value}");
            }
        }
    }
}
