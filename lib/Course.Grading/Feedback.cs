using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Grading;

/// <summary>
/// What a student may see of a grade: a markdown file per submission, and Gradescope's results format. Visible checks
/// show what they check and, when they fail, the message (which names the student's value, never the expected one).
/// A hidden check shows only that it passed or failed: not what it checks, not its inputs, not its message, which
/// could all give a hidden test away.
/// </summary>
public static class Feedback
{
    /// <summary>The feedback file of one submission, in markdown.</summary>
    public static string Markdown(SubmissionGrade grade)
    {
        var text = new StringBuilder();
        text.Append($"# Feedback: {Path.GetFileName(grade.Path)}\n\n");
        text.Append($"**Total: {Number(grade.Earned)} / {Number(grade.Points)} points**\n\n");
        if (grade.Problem is not null)
            text.Append("The notebook could not be graded: ").Append(grade.Problem.Split('\n')[0]).Append("\n\n");
        foreach (var exercise in grade.Exercises)
        {
            text.Append($"## {exercise.Id}: {Number(exercise.Earned)} / {Number(exercise.Points)} points\n\n");
            foreach (var check in grade.Checks.Where(c => c.ExerciseId == exercise.Id))
                text.Append("- ").Append(Line(check)).Append('\n');
            text.Append('\n');
        }
        return text.ToString();
    }

    static string Line(CheckResult check) => (check.Hidden, check.Passed) switch
    {
        (true, true) => $"✓ hidden check {check.Number + 1}: passed",
        (true, false) => $"✗ hidden check {check.Number + 1}: failed",
        (false, true) => $"✓ {check.What ?? $"check {check.Number + 1}"}",
        (false, false) => $"✗ {check.What ?? $"check {check.Number + 1}"}: {OneLine(check.Failure)}",
    };

    /// <summary>Gradescope's autograder results (results.json): the score and one test per check, hidden checks
    /// visible only after grades are published and without their text.</summary>
    public static string GradescopeJson(SubmissionGrade grade)
    {
        var tests = new JsonArray();
        foreach (var check in grade.Checks)
            tests.Add(new JsonObject
            {
                ["name"] = check.Hidden ? $"{check.ExerciseId}: hidden check {check.Number + 1}" : $"{check.ExerciseId}: {check.What ?? $"check {check.Number + 1}"}",
                ["score"] = Math.Round(check.Passed ? check.Points : 0, 6),
                ["max_score"] = Math.Round(check.Points, 6),
                ["output"] = check.Passed ? "passed" : check.Hidden ? "failed" : OneLine(check.Failure),
                ["visibility"] = check.Hidden ? "after_published" : "visible",
            });
        var root = new JsonObject
        {
            ["score"] = Math.Round(grade.Earned, 6),
            ["output"] = grade.Problem is null ? $"{Number(grade.Earned)} of {Number(grade.Points)} points" : "not graded: " + grade.Problem.Split('\n')[0],
            ["visibility"] = "visible",
            ["tests"] = tests,
        };
        // Relaxed escaping: θ and ✓ stay as they are (JSON allows them), so the file reads as it will show.
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    static string OneLine(string? text) => (text ?? "failed").Split('\n')[0].Trim();

    static string Number(double x) => Math.Round(x, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
