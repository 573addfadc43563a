using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Course.Tests.Shared;

/// <summary>
/// One way two executed runs of a cell differ. <paramref name="What"/> is short and stable (no output text in it), so an
/// allow-list can name it; <paramref name="Detail"/> shows the texts where they part.
/// </summary>
/// <param name="Cell">1-based cell number, as `course run` prints it; 0 for the notebook as a whole.</param>
public sealed record CellDifference(int Cell, string What, string Detail);

/// <summary>The comparison of one cell: equal when it has no differences.</summary>
public sealed record CellComparison(int Cell, string Kind, IReadOnlyList<CellDifference> Differences)
{
    public bool Equal => Differences.Count == 0;
}

/// <summary>The cell-by-cell comparison of two executed copies of one notebook (left and right, e.g. `course run` and nbclient).</summary>
/// <param name="UncomparedCells">When one side has no executed notebook: the other side's cell count (none of them equal).</param>
public sealed record NotebookComparisonResult(string Notebook, string Left, string Right, IReadOnlyList<CellComparison> Cells,
                                              IReadOnlyList<CellDifference> NotebookDifferences, int UncomparedCells = 0)
{
    public int EqualCells => Cells.Count(c => c.Equal);

    public int TotalCells => Cells.Count + UncomparedCells;

    public IEnumerable<CellDifference> AllDifferences => NotebookDifferences.Concat(Cells.SelectMany(c => c.Differences));

    /// <summary>One line per cell (equal or what differs), then the details of each difference.</summary>
    public string Report()
    {
        var text = new StringBuilder($"## {Notebook}: {EqualCells} equal / {TotalCells} cells ({Left} vs {Right})\n");
        foreach (var d in NotebookDifferences) text.Append($"notebook: {d.What}\n{Indent(d.Detail)}");
        foreach (var cell in Cells)
        {
            text.Append($"cell {cell.Cell} ({cell.Kind}): {(cell.Equal ? "equal" : "DIFFERENT")}\n");
            foreach (var d in cell.Differences) text.Append($"  - {d.What}\n{Indent(d.Detail)}");
        }
        return text.ToString();
    }

    static string Indent(string detail) =>
        detail.Length == 0 ? "" : string.Concat(detail.Split('\n').Select(l => "      " + l + "\n"));
}

/// <summary>
/// Compares two executed .ipynb files cell by cell on what a reader of the notebook sees: per output its output_type,
/// a stream's name and text, a display's or execute_result's content per MIME type, an error's ename and evalue
/// (output metadata, tracebacks and execution counts are not compared). Before comparing, what legitimately differs
/// between two runs is masked (<see cref="Mask"/>), consecutive stream outputs of one name are joined (how a kernel
/// chunks its console text is not a difference), and the .NET Interactive Jupyter front door's bootstrap script is
/// taken out of the outputs and reported as a difference of its own, so that it can be allowed once.
/// </summary>
public static partial class NotebookComparison
{
    /// <summary>The What of the bootstrap script the tool's Jupyter kernel displays in the first cell it runs.</summary>
    public const string BootstrapScript = "the front door's bootstrap script (display_data text/html)";

    /// <summary>
    /// Masks what differs from run to run: "\r\n" becomes "\n"; each of <paramref name="roots"/> (the runs' folders)
    /// becomes &lt;root&gt;; any other absolute path under the temp folder &lt;tmp&gt;; GUIDs (with or without dashes)
    /// &lt;id&gt;; #!time's "Wall time: 12.3ms" becomes "Wall time: &lt;t&gt;", a duration a cell prints ("elapsed: 3.60 s")
    /// "&lt;t&gt; s", and a speed ("42,512 training tokens/s") "&lt;rate&gt; training tokens/s".
    /// </summary>
    public static string Mask(string text, IEnumerable<string> roots)
    {
        text = text.Replace("\r\n", "\n");
        foreach (var root in roots.Where(r => r.Length > 0).OrderByDescending(r => r.Length))
            text = text.Replace(root.TrimEnd('/'), "<root>");
        text = TempPath().Replace(text, "<tmp>");
        text = Guid().Replace(text, "<id>");
        text = WallTime().Replace(text, "Wall time: <t>");
        text = Seconds().Replace(text, "<t> s");
        return Rate().Replace(text, "<rate> $1/s");
    }

    [GeneratedRegex(@"(?<![\w.])/tmp/[^\s""'<>)]+")]
    private static partial Regex TempPath();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\b")]
    private static partial Regex Guid();

    [GeneratedRegex(@"Wall time: [0-9.,]+\s*(ms|s|µs)")]
    private static partial Regex WallTime();

    // a duration the notebook prints itself: "elapsed: 3.60 s", "3 runs in 3.2 s"
    [GeneratedRegex(@"\b[0-9]+(\.[0-9]+)? s\b")]
    private static partial Regex Seconds();

    // a speed: "42,512 training tokens/s"
    [GeneratedRegex(@"\b[0-9][0-9,.]* ([\w ]*?\w+)/s\b")]
    private static partial Regex Rate();

    /// <summary>Compares the executed files <paramref name="leftPath"/> and <paramref name="rightPath"/>.</summary>
    /// <param name="notebook">The notebook's name, for the report.</param>
    /// <param name="leftName">What ran the left copy (e.g. "course run").</param>
    /// <param name="rightName">What ran the right copy (e.g. "nbclient").</param>
    /// <param name="roots">The runs' folders, masked as &lt;root&gt;.</param>
    public static NotebookComparisonResult Compare(string notebook, string leftName, string leftPath, string rightName, string rightPath, IEnumerable<string> roots)
    {
        var left = Cells(leftPath);
        var right = Cells(rightPath);
        var masks = roots.ToList();
        var notebookDifferences = new List<CellDifference>();
        if (left.Count != right.Count)
            notebookDifferences.Add(new(0, "cell count", $"{leftName}: {left.Count} cells, {rightName}: {right.Count} cells"));
        var cells = new List<CellComparison>();
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
            cells.Add(CompareCell(i + 1, left[i], right[i], leftName, rightName, masks));
        return new(notebook, leftName, rightName, cells, notebookDifferences);
    }

    /// <summary>The comparison when one side has no executed notebook: a single notebook-level difference.</summary>
    /// <param name="cells">The notebook's cell count, all of them counted as not equal.</param>
    public static NotebookComparisonResult Missing(string notebook, string leftName, string rightName, string missingSide, string why, int cells) =>
        new(notebook, leftName, rightName, [], [new(0, $"{missingSide}: no executed notebook", why)], cells);

    static List<JsonObject> Cells(string path) =>
        JsonNode.Parse(File.ReadAllText(path))?["cells"] is JsonArray cells
            ? cells.OfType<JsonObject>().ToList()
            : throw new InvalidDataException($"{path} is not a notebook: it has no \"cells\" array.");

    static CellComparison CompareCell(int number, JsonObject left, JsonObject right, string leftName, string rightName, List<string> roots)
    {
        var kind = (string?)left["cell_type"] ?? "?";
        var differences = new List<CellDifference>();
        if (kind != ((string?)right["cell_type"] ?? "?"))
            return new(number, kind, [new(number, "cell type", $"{leftName}: {kind}, {rightName}: {(string?)right["cell_type"]}")]);
        if (Text(left["source"]) != Text(right["source"]))
            differences.Add(new(number, "source", Where(Text(left["source"]), Text(right["source"]), leftName, rightName)));

        var a = Outputs(left, roots, out var aBootstrap);
        var b = Outputs(right, roots, out var bBootstrap);
        if (aBootstrap != bBootstrap)
            differences.Add(new(number, $"{(aBootstrap ? leftName : rightName)} only: {BootstrapScript}", ""));

        var aShapes = a.Select(o => o.Shape).ToList();
        var bShapes = b.Select(o => o.Shape).ToList();
        if (!aShapes.Select(Kind).SequenceEqual(bShapes.Select(Kind)))
        {
            differences.Add(new(number, $"outputs: {leftName} [{string.Join(", ", aShapes)}] vs {rightName} [{string.Join(", ", bShapes)}]",
                                $"{leftName}:\n{Describe(a)}\n{rightName}:\n{Describe(b)}"));
            return new(number, kind, differences);
        }
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Shape != b[i].Shape)
                differences.Add(new(number, $"output {i + 1}: {leftName} {a[i].Shape} vs {rightName} {b[i].Shape}", ""));
            foreach (var (field, text) in a[i].Fields)
            {
                var other = b[i].Fields[field];
                if (text != other)
                    differences.Add(new(number, $"output {i + 1} {Kind(a[i].Shape)}: {field}", Where(text, other, leftName, rightName)));
            }
        }
        return new(number, kind, differences);
    }

    /// <summary>A display's shape without the display_data / execute_result distinction, which is reported on its own.</summary>
    static string Kind(string shape) => shape.StartsWith("execute_result(", StringComparison.Ordinal) ? "display_data" + shape["execute_result".Length..] : shape;

    /// <summary>An output as compared: its shape (type, stream name or MIME types) and its fields' masked texts.</summary>
    sealed record Output(string Shape, Dictionary<string, string> Fields);

    static List<Output> Outputs(JsonObject cell, List<string> roots, out bool bootstrap)
    {
        bootstrap = false;
        var outputs = new List<Output>();
        foreach (var json in (cell["outputs"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var type = (string?)json["output_type"] ?? "?";
            switch (type)
            {
                case "stream":
                    var name = (string?)json["name"] ?? "?";
                    var text = Mask(Text(json["text"]), roots);
                    if (outputs.Count > 0 && outputs[^1].Shape == name) outputs[^1].Fields["text"] += text;
                    else outputs.Add(new(name, new() { ["text"] = text }));
                    break;
                case "display_data" or "execute_result" or "update_display_data":
                    var data = json["data"] as JsonObject ?? [];
                    var html = Text(data["text/html"]);
                    if (html.Contains("dotnet-interactive-this-cell-", StringComparison.Ordinal) && html.Contains("probeAddresses", StringComparison.Ordinal))
                    {
                        bootstrap = true;
                        break;
                    }
                    var mimes = data.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
                    outputs.Add(new($"{type}({string.Join(",", mimes)})", mimes.ToDictionary(m => m, m => Mask(Content(m, data[m]), roots))));
                    break;
                case "error":
                    outputs.Add(new("error", new() { ["ename"] = Mask(Text(json["ename"]), roots), ["evalue"] = Mask(Text(json["evalue"]), roots) }));
                    break;
                default:
                    outputs.Add(new(type, new() { ["json"] = Mask(json.ToJsonString(), roots) }));
                    break;
            }
        }
        return outputs;
    }

    /// <summary>
    /// One MIME type's content: a JSON type (application/json, application/vnd.plotly.v1+json) as its JSON value written
    /// canonically (keys sorted, numbers in shortest round-trip form), since VS Code (and so the engine) saves it with keys
    /// sorted and numbers as JavaScript prints them, while nbclient keeps the kernel's text: the same value either way.
    /// </summary>
    static string Content(string mime, JsonNode? value)
    {
        if (!mime.Contains("json", StringComparison.OrdinalIgnoreCase)) return Text(value);
        try
        {
            var node = value is JsonValue v && v.TryGetValue<string>(out var s) ? JsonNode.Parse(s) : value;
            var text = new StringBuilder();
            Canonical(node, text);
            return text.ToString();
        }
        catch (System.Text.Json.JsonException)
        {
            return Text(value);
        }
    }

    static void Canonical(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null: text.Append("null"); break;
            case JsonObject o:
                text.Append('{');
                var first = true;
                foreach (var (key, child) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) text.Append(',');
                    first = false;
                    text.Append(System.Text.Json.JsonSerializer.Serialize(key, QuoteOptions)).Append(':');
                    Canonical(child, text);
                }
                text.Append('}');
                break;
            case JsonArray a:
                text.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    Canonical(a[i], text);
                }
                text.Append(']');
                break;
            default:
                var element = node.GetValue<System.Text.Json.JsonElement>();
                // -0 is written 0, as JavaScript's JSON.stringify writes it
                text.Append(element.ValueKind == System.Text.Json.JsonValueKind.Number
                    ? (element.GetDouble() is var number && number == 0 ? 0 : number).ToString("R", System.Globalization.CultureInfo.InvariantCulture)
                    : System.Text.Json.JsonSerializer.Serialize(element, QuoteOptions));
                break;
        }
    }

    /// <summary>nbformat's multiline string (a string or a list of strings); any other JSON as its text.</summary>
    static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonArray parts when parts.All(p => p is JsonValue v && v.TryGetValue<string>(out _)) => string.Concat(parts.Select(p => (string)p!)),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    static string Describe(List<Output> outputs) =>
        outputs.Count == 0 ? "  (no outputs)"
            : string.Join("\n", outputs.Select(o => $"  {o.Shape}: " + string.Join("; ", o.Fields.Select(f => $"{f.Key} {Excerpt(f.Value, 0)}"))));

    /// <summary>Where two texts part: the common start's length and both texts from a little before it.</summary>
    static string Where(string a, string b, string leftName, string rightName)
    {
        var at = 0;
        while (at < a.Length && at < b.Length && a[at] == b[at]) at++;
        return $"from character {at}:\n{leftName}: {Excerpt(a, at)}\n{rightName}: {Excerpt(b, at)}";
    }

    static string Excerpt(string text, int at)
    {
        const int Before = 40, Length = 200;
        var start = Math.Max(0, at - Before);
        var piece = text.Length - start > Length ? text.Substring(start, Length) + "…" : text[start..];
        return (start > 0 ? "…" : "") + System.Text.Json.JsonSerializer.Serialize(piece, QuoteOptions)[1..^1];
    }

    static readonly System.Text.Json.JsonSerializerOptions QuoteOptions =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
