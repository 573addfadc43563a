using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>Cell outputs in .ipynb: display_data / execute_result, stream, error, and any other type kept verbatim.</summary>
internal static partial class IpynbFormat
{
    static CellOutput ReadOutput(JsonNode? node, string? path, int cell, int number)
    {
        var where = $"output {number}";
        if (node is not JsonObject json || json["output_type"] is not JsonValue t || !t.TryGetValue<string>(out var type))
            throw new NotebookFormatException($"{where} is not an object with an output_type.", path, cell);
        switch (type)
        {
            case "display_data":
            case "execute_result":
                if (json["data"] is not JsonObject data)
                    throw new NotebookFormatException($"{where} ({type}) has no \"data\" object of MIME type → content.", path, cell);
                var content = new Dictionary<string, string>();
                foreach (var (mime, value) in data)
                    content[mime] = DataText(mime, value, $"{where} data[\"{mime}\"]", path, cell);
                return new DisplayOutput(content, type == "execute_result")
                {
                    Metadata = json["metadata"] is JsonObject meta && meta.Count > 0 ? (JsonObject)meta.DeepClone() : null,
                };
            case "stream":
                var name = json["name"] is JsonValue n && n.TryGetValue<string>(out var streamName) ? streamName
                    : throw new NotebookFormatException($"{where} (stream) has no \"name\": expected \"stdout\" or \"stderr\".", path, cell);
                return new StreamOutput(name, TextOf(json["text"], $"{where} text", path, cell));
            case "error":
                return new ErrorOutput(
                    TextOf(json["ename"], $"{where} ename", path, cell),
                    TextOf(json["evalue"], $"{where} evalue", path, cell),
                    Traceback(json["traceback"], where, path, cell));
            default:
                return new UnknownOutput((JsonObject)json.DeepClone());
        }
    }

    /// <summary>
    /// An error's traceback, read leniently: nbformat's schema says a list of strings (and that is what is written), but
    /// real notebooks also hold a missing or null traceback (read as none) and null entries in the list (read as empty lines).
    /// </summary>
    static List<string> Traceback(JsonNode? node, string where, string? path, int cell) => node switch
    {
        null => [],
        JsonArray lines => lines.Select((l, i) => l is null ? "" : TextOf(l, $"{where} traceback[{i}]", path, cell)).ToList(),
        _ => throw new NotebookFormatException($"{where} traceback is {KernelInfoJson.Describe(node)}: expected a list of strings.", path, cell),
    };

    static bool IsString(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out _);

    /// <summary>
    /// One MIME type's content as text: JSON types (any JSON value) as their JSON text, other types as nbformat's
    /// multiline string; a JSON object or array under a non-JSON type is kept as its JSON text too.
    /// </summary>
    static string DataText(string mime, JsonNode? value, string where, string? path, int cell)
    {
        if (IsJsonMime(mime)) return IsString(value) ? value!.GetValue<string>() : value?.ToJsonString() ?? "null";
        if (value is JsonObject || value is JsonArray array && !array.All(IsString)) return value.ToJsonString();
        return TextOf(value, where, path, cell);
    }

    static bool IsJsonMime(string mime) => mime.Contains("json", StringComparison.OrdinalIgnoreCase);

    static JsonObject WriteOutput(CellOutput output, NotebookCell cell) => output switch
    {
        DisplayOutput display => WriteDisplay(display, cell),
        StreamOutput stream => new JsonObject
        {
            ["name"] = stream.Name,
            ["output_type"] = "stream",
            ["text"] = Lines(stream.Text),
        },
        ErrorOutput error => new JsonObject
        {
            ["ename"] = error.Name,
            ["evalue"] = error.Value,
            ["output_type"] = "error",
            ["traceback"] = new JsonArray(error.Traceback.Select(l => (JsonNode?)l).ToArray()),
        },
        UnknownOutput unknown => (JsonObject)unknown.Json.DeepClone(),
        _ => throw new ArgumentException($"cannot write an output of type {output.GetType().Name} to .ipynb.", nameof(output)),
    };

    static JsonObject WriteDisplay(DisplayOutput display, NotebookCell cell)
    {
        var data = new JsonObject();
        foreach (var (mime, content) in display.Data) data[mime] = MimeValue(mime, content);
        var json = new JsonObject
        {
            ["data"] = data,
            ["metadata"] = display.Metadata?.DeepClone() ?? new JsonObject(),
            ["output_type"] = display.IsExecuteResult ? "execute_result" : "display_data",
        };
        if (display.IsExecuteResult) json["execution_count"] = cell.ExecutionCount;
        return json;
    }

    /// <summary>How VS Code stores one MIME type's content (serializers.ts, convertOutputMimeToJupyterOutput).</summary>
    static JsonNode? MimeValue(string mime, string content)
    {
        if (mime.StartsWith("text/", StringComparison.Ordinal) || TextMimeTypes.Contains(mime)) return Lines(content);
        if (mime.StartsWith("image/", StringComparison.Ordinal) && mime != "image/svg+xml") return content;
        if (IsJsonMime(mime) && content.Length > 0)
        {
            try { return JsonNode.Parse(content); }
            catch (JsonException) { return content; }
        }
        return content;
    }

    // microsoft/vscode extensions/ipynb/src/deserializers.ts: textMimeTypes
    static readonly string[] TextMimeTypes =
        ["text/plain", "text/markdown", "text/latex", "application/vnd.code.notebook.stderr", "application/vnd.code.notebook.stdout"];
}
