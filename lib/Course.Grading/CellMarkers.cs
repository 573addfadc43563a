namespace Course.Grading;

/// <summary>A BEGIN/END block inside a cell: the 0-based line numbers of its two marker lines.</summary>
public sealed record MarkedBlock(MarkerKind Kind, int BeginLine, int EndLine);

/// <summary>
/// The markers of one code cell: its header (EXERCISE or TEST, if any), its SOLUTION and HIDDEN TESTS blocks, and the
/// problems found (each a sentence for the instructor). Scanning never throws; <see cref="Assignment.Parse"/> turns
/// problems into <see cref="MarkerException"/>s, and the grader ignores them in submissions.
/// </summary>
public sealed class CellMarkers
{
    /// <summary>The EXERCISE or TEST marker, or null for an ordinary cell.</summary>
    public Marker? Header { get; private init; }

    /// <summary>The closed blocks, in order.</summary>
    public List<MarkedBlock> Blocks { get; } = [];

    /// <summary>What is wrong with the markers, in order of the lines.</summary>
    public List<string> Problems { get; } = [];

    public bool IsExercise => Header?.Kind == MarkerKind.Exercise;
    public bool IsTest => Header?.Kind == MarkerKind.Test;

    /// <summary>Reads the markers of a cell's source.</summary>
    public static CellMarkers Scan(string source)
    {
        var lines = Markers.Lines(source);
        Marker? header = null;
        int headerLine = -1;
        var blocks = new List<MarkedBlock>();
        var problems = new List<string>();
        (MarkerKind Kind, int Line)? open = null;

        for (int i = 0; i < lines.Length; i++)
        {
            var marker = Markers.Parse(lines[i]);
            if (marker.Problem is not null)
                problems.Add($"line {i + 1}: {marker.Problem}");
            switch (marker.Kind)
            {
                case MarkerKind.Exercise or MarkerKind.Test:
                    if (header is not null)
                        problems.Add($"line {i + 1}: a cell holds one EXERCISE or TEST marker, but line {headerLine + 1} already has one; split the cell.");
                    else { header = marker; headerLine = i; }
                    break;
                case MarkerKind.BeginSolution or MarkerKind.BeginHiddenTests:
                    if (open is { } o)
                        problems.Add($"line {i + 1}: {Name(marker.Kind)} inside the {Name(o.Kind)} block opened on line {o.Line + 1}; blocks do not nest.");
                    else open = (marker.Kind, i);
                    break;
                case MarkerKind.EndSolution or MarkerKind.EndHiddenTests:
                    var begin = marker.Kind == MarkerKind.EndSolution ? MarkerKind.BeginSolution : MarkerKind.BeginHiddenTests;
                    if (open is not { } started || started.Kind != begin)
                        problems.Add($"line {i + 1}: {Name(marker.Kind)} without a matching {Name(begin)} before it.");
                    else { blocks.Add(new MarkedBlock(begin, started.Line, i)); open = null; }
                    break;
            }
        }
        if (open is { } unclosed)
            problems.Add($"line {unclosed.Line + 1}: {Name(unclosed.Kind)} is never closed; add '// {Name(Closing(unclosed.Kind))}' after the block.");

        var result = new CellMarkers { Header = header };
        result.Blocks.AddRange(blocks);
        result.Problems.AddRange(problems);
        foreach (var block in blocks)
        {
            if (block.Kind == MarkerKind.BeginSolution && !result.IsExercise)
                result.Problems.Add($"line {block.BeginLine + 1}: BEGIN SOLUTION outside an exercise cell; the cell needs an '// EXERCISE <id> (<points> points)' line.");
            if (block.Kind == MarkerKind.BeginHiddenTests && !result.IsTest)
                result.Problems.Add($"line {block.BeginLine + 1}: BEGIN HIDDEN TESTS outside a test cell; the cell needs a '// TEST <id>' line.");
        }
        return result;
    }

    static MarkerKind Closing(MarkerKind begin) =>
        begin == MarkerKind.BeginSolution ? MarkerKind.EndSolution : MarkerKind.EndHiddenTests;

    static string Name(MarkerKind kind) => kind switch
    {
        MarkerKind.BeginSolution => "BEGIN SOLUTION",
        MarkerKind.EndSolution => "END SOLUTION",
        MarkerKind.BeginHiddenTests => "BEGIN HIDDEN TESTS",
        MarkerKind.EndHiddenTests => "END HIDDEN TESTS",
        _ => kind.ToString().ToUpperInvariant(),
    };
}
