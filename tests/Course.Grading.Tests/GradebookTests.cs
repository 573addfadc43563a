using Course.Notebooks.Documents;
using Course.Grading;

namespace Course.Grading.Tests;

public class GradebookTests
{
    static readonly Assignment Key = Assignment.Parse(NotebookFile.Read(TestPaths.Key), TestPaths.Key);

    static SubmissionGrade Grade(string path, double momentum, double nesterov, double amplification, string? problem = null) =>
        new(path, [
            new ExerciseGrade("momentum-step", 3, momentum, 2, 3, "θ after one step[0] is 1.05, which is not within 1e-06 of the expected value."),
            new ExerciseGrade("nesterov-lookahead", 2, nesterov, 2, 2, null),
            new ExerciseGrade("amplification", 2, amplification, 1, 4, "x"),
        ], ["a note"], problem);

    [Fact]
    public void Table_ShowsPointsChecksAndWhyForEachExercise()
    {
        var table = Gradebook.Table(Grade("s/bob.dib", 2, 2, 0.5));
        Assert.Contains("momentum-step", table);
        Assert.Matches(@"momentum-step\s+2 / 3\s+2/3\s+θ after one step\[0\] is 1.05", table);
        Assert.Matches(@"total\s+4.5 / 7", table);
        Assert.Contains("note: a note", table);
    }

    [Fact]
    public void Csv_QuotesFieldsWithCommasAndKeepsOneRowPerSubmission()
    {
        var book = new Gradebook([new GradedSubmission(Key, Grade("a,b.dib", 3, 2, 2)), new GradedSubmission(Key, Grade("c.dib", 0, 0, 0, "unreadable, \"broken\""))]);
        var rows = book.ToCsv().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("\"a,b.dib\",", rows[1]);
        Assert.EndsWith(",3,2,2,7,7,", rows[1]);
        Assert.EndsWith(",0,0,0,0,7,\"unreadable, \"\"broken\"\"\"", rows[2]);
    }

    [Fact]
    public void Summary_HasALinePerSubmissionWithTheTotal()
    {
        var book = new Gradebook([new GradedSubmission(Key, Grade("x/alice.dib", 3, 2, 2)), new GradedSubmission(Key, Grade("x/bob.dib", 2, 0, 0.5))]);
        var summary = book.Summary();
        Assert.Matches(@"alice\.dib\s+3\s+2\s+2\s+7 / 7", summary);
        Assert.Matches(@"bob\.dib\s+2\s+0\s+0\.5\s+2\.5 / 7", summary);
    }
}
