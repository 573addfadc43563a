using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Grading;

/// <summary>A graded submission with the key it was graded against.</summary>
public sealed record GradedSubmission(Assignment Key, SubmissionGrade Grade);

/// <summary>
/// The grades of a folder of submissions, written as a table per submission, a gradebook table (one per key), JSON or
/// CSV (one row per submission, a column per exercise of every key). Points print with up to two decimals, invariant culture.
/// </summary>
public sealed class Gradebook(IReadOnlyList<GradedSubmission> submissions)
{
    public IReadOnlyList<GradedSubmission> Submissions { get; } = submissions;

    IEnumerable<Assignment> Keys => Submissions.Select(s => s.Key).Distinct();

    /// <summary>One submission: a line per exercise with points, checks passed, and why the first failed check failed.</summary>
    public static string Table(SubmissionGrade grade)
    {
        var text = new StringBuilder();
        text.Append(grade.Path).Append('\n');
        if (grade.Problem is not null)
            text.Append("  not graded: ").Append(OneLine(grade.Problem)).Append('\n');
        int width = Math.Max(8, grade.Exercises.Select(e => e.Id.Length).DefaultIfEmpty(0).Max());
        text.Append($"  {"exercise".PadRight(width)}  {"points",11}  {"checks",7}  why not full marks\n");
        foreach (var e in grade.Exercises)
            text.Append($"  {e.Id.PadRight(width)}  {Fraction(e.Earned, e.Points),11}  {$"{e.ChecksPassed}/{e.Checks}",7}  {(e.ChecksPassed < e.Checks ? OneLine(e.Failure) : "")}".TrimEnd()).Append('\n');
        text.Append($"  {"total".PadRight(width)}  {Fraction(grade.Earned, grade.Points),11}\n");
        foreach (var note in grade.Notes)
            text.Append("  note: ").Append(OneLine(note)).Append('\n');
        return text.ToString();
    }

    /// <summary>Per key: every submission on one line, a column per exercise, and the total.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        foreach (var key in Keys)
        {
            var rows = Submissions.Where(s => s.Key == key).Select(s => s.Grade).ToList();
            var widths = key.Exercises.Select(e => Math.Max(6, e.Id.Length)).ToList();
            int nameWidth = Math.Max(10, rows.Select(s => Path.GetFileName(s.Path).Length).DefaultIfEmpty(0).Max());
            text.Append($"gradebook for {key.Path ?? "the key"} ({rows.Count} submission(s), {Number(key.TotalPoints)} points)\n");
            text.Append("  ").Append("submission".PadRight(nameWidth));
            for (int j = 0; j < widths.Count; j++) text.Append("  ").Append(key.Exercises[j].Id.PadLeft(widths[j]));
            text.Append($"  {"total",11}\n");
            foreach (var s in rows)
            {
                text.Append("  ").Append(Path.GetFileName(s.Path).PadRight(nameWidth));
                for (int j = 0; j < widths.Count; j++) text.Append("  ").Append(Number(s.Exercises[j].Earned).PadLeft(widths[j]));
                text.Append($"  {Fraction(s.Earned, s.Points),11}\n");
            }
        }
        return text.ToString();
    }

    /// <summary>The gradebook as JSON: per key, its exercises and every submission with its exercises, notes and problem.</summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["gradebooks"] = new JsonArray([.. Keys.Select(key => (JsonNode)new JsonObject
            {
                ["key"] = key.Path,
                ["points"] = key.TotalPoints,
                ["exercises"] = new JsonArray([.. key.Exercises.Select(e => (JsonNode)new JsonObject { ["id"] = e.Id, ["points"] = e.Points })]),
                ["submissions"] = new JsonArray([.. Submissions.Where(s => s.Key == key).Select(s => s.Grade).Select(s => (JsonNode)new JsonObject
                {
                    ["path"] = s.Path,
                    ["earned"] = Math.Round(s.Earned, 6),
                    ["points"] = s.Points,
                    ["problem"] = s.Problem,
                    ["exercises"] = new JsonArray([.. s.Exercises.Select(e => (JsonNode)new JsonObject
                    {
                        ["id"] = e.Id, ["earned"] = Math.Round(e.Earned, 6), ["points"] = e.Points,
                        ["checksPassed"] = e.ChecksPassed, ["checks"] = e.Checks, ["failure"] = e.Failure,
                    })]),
                    ["notes"] = new JsonArray([.. s.Notes.Select(n => (JsonNode)JsonValue.Create(n))]),
                })]),
            })]),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The gradebook as CSV (RFC 4180): submission, key, a column per exercise of every key (empty where it
    /// does not apply), total, points, problem.</summary>
    public string ToCsv()
    {
        var columns = Keys.SelectMany(k => k.Exercises.Select(e => e.Id)).Distinct().ToList();
        var text = new StringBuilder();
        text.Append(string.Join(",", new[] { "submission", "key" }.Concat(columns).Concat(["total", "points", "problem"]).Select(Quote))).Append("\r\n");
        foreach (var (key, s) in Submissions)
        {
            var earned = s.Exercises.ToDictionary(e => e.Id, e => Number(e.Earned));
            text.Append(string.Join(",", new[] { Quote(s.Path), Quote(key.Path ?? "") }
                .Concat(columns.Select(c => earned.GetValueOrDefault(c, "")))
                .Concat([Number(s.Earned), Number(s.Points), Quote(s.Problem ?? "")]))).Append("\r\n");
        }
        return text.ToString();
    }

    static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

    static string Number(double x) => Math.Round(x, 2).ToString("0.##", CultureInfo.InvariantCulture);

    static string Fraction(double earned, double points) => $"{Number(earned)} / {Number(points)}";

    static string OneLine(string? text)
    {
        var line = (text ?? "").Split('\n')[0].Trim();
        return line.Length <= 100 ? line : line[..97] + "...";
    }
}
