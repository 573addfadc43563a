using System.Globalization;
using System.Text.RegularExpressions;

namespace Course.Grading;

/// <summary>What one source line is, for grading.</summary>
public enum MarkerKind { None, Exercise, Test, BeginSolution, EndSolution, BeginHiddenTests, EndHiddenTests }

/// <summary>
/// A marker line: its kind, the exercise id (EXERCISE and TEST), the points (EXERCISE, optional on TEST), and,
/// when the line is a marker keyword followed by something that is not understood, the problem with it.
/// </summary>
public sealed record Marker(MarkerKind Kind, string? ExerciseId = null, double? Points = null, string? Problem = null);

/// <summary>
/// The grading markers: plain C# line comments, so that a key notebook works unchanged in VS Code, .ipynb and .dib.
/// <code>
/// // EXERCISE momentum-step (3 points)     an exercise cell: id and points
/// // BEGIN SOLUTION ... // END SOLUTION     the answer, replaced by a stub in the student version
/// // TEST momentum-step [(1 point)]         a test cell for that exercise
/// // BEGIN HIDDEN TESTS ... // END HIDDEN TESTS   checks only the key has
/// </code>
/// Keywords are upper case and fill the whole comment, so ordinary comments ("// Test the loss") are not markers.
/// </summary>
public static partial class Markers
{
    /// <summary>Ids are a letter or digit followed by letters, digits, '-', '_' or '.': "momentum-step", "ex3.b".</summary>
    public const string IdPattern = "[A-Za-z0-9][A-Za-z0-9_.-]*";

    [GeneratedRegex(@"^\s*//\s*(?<keyword>EXERCISE|TEST)\b(?<rest>.*)$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^\s*//\s*(?<keyword>BEGIN SOLUTION|END SOLUTION|BEGIN HIDDEN TESTS|END HIDDEN TESTS)\s*$")]
    private static partial Regex BlockLine();

    [GeneratedRegex(@"^\s+(?<id>" + IdPattern + @")\s*(\((?<points>[^)]*)\))?\s*$")]
    private static partial Regex HeaderRest();

    [GeneratedRegex(@"^\s*(?<number>\S+)\s+points?\s*$")]
    private static partial Regex PointsText();

    /// <summary>Classifies one line of a code cell.</summary>
    public static Marker Parse(string line)
    {
        var block = BlockLine().Match(line);
        if (block.Success)
            return new Marker(block.Groups["keyword"].Value switch
            {
                "BEGIN SOLUTION" => MarkerKind.BeginSolution,
                "END SOLUTION" => MarkerKind.EndSolution,
                "BEGIN HIDDEN TESTS" => MarkerKind.BeginHiddenTests,
                _ => MarkerKind.EndHiddenTests,
            });

        var header = HeaderLine().Match(line);
        if (!header.Success)
            return new Marker(MarkerKind.None);
        var keyword = header.Groups["keyword"].Value;
        var kind = keyword == "EXERCISE" ? MarkerKind.Exercise : MarkerKind.Test;
        string expected = kind == MarkerKind.Exercise
            ? "expected '// EXERCISE <id> (<points> points)', such as '// EXERCISE momentum-step (3 points)'"
            : "expected '// TEST <id>' or '// TEST <id> (<points> points)', such as '// TEST momentum-step'";

        var rest = HeaderRest().Match(header.Groups["rest"].Value);
        if (!rest.Success)
            return new Marker(kind, Problem: $"'{line.Trim()}' is not a valid {keyword} marker: {expected}.");
        var id = rest.Groups["id"].Value;
        if (!rest.Groups["points"].Success)
            return kind == MarkerKind.Exercise
                ? new Marker(kind, id, Problem: $"'{line.Trim()}' gives no points: {expected}.")
                : new Marker(kind, id);

        var points = PointsText().Match(rest.Groups["points"].Value);
        if (!points.Success
            || !double.TryParse(points.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value <= 0)
            return new Marker(kind, id, Problem:
                $"'{line.Trim()}': the points must be a positive number, as in '(3 points)' or '(0.5 points)'; got '({rest.Groups["points"].Value})'.");
        return new Marker(kind, id, value);
    }

    /// <summary>The lines of a cell's source, without their line ends.</summary>
    public static string[] Lines(string source) => source.Replace("\r\n", "\n").Split('\n');
}
