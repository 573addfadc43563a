using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>
/// The .ipynb format (Jupyter nbformat 4) as VS Code with Polyglot Notebooks saves it.
/// <list type="bullet">
/// <item>Notebook metadata: <c>kernelspec</c> {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
/// <c>language_info</c> {"name": "polyglot-notebook"} and <c>polyglot_notebook.kernelInfo</c> (Polyglot extension).</item>
/// <item>A code cell's kernel: a first source line <c>#!kernel</c> naming a known kernel wins, then
/// <c>metadata.polyglot_notebook.kernelName</c>, then the legacy <c>metadata.dotnet_interactive.language</c>, then the
/// notebook's default (dotnet/interactive Jupyter/Notebook.cs and the Polyglot extension's ipynbUtilities.ts).</item>
/// <item>Layout (microsoft/vscode extensions/ipynb/src/serializers.ts): source as a list of lines, each ending in "\n"
/// but the last, none for an empty cell; code cells carry execution_count (null if not run) and outputs; markdown and
/// raw cells neither; text/* output data split into lines like source, images as one base64 string, JSON types as JSON;
/// keys sorted, one-space indent, trailing newline (see <see cref="JupyterJson"/>).</item>
/// </list>
/// Everything the model does not interpret (other metadata, attachments, unknown outputs) is kept; cell ids are kept
/// too, and a 4.5 notebook's cells without one get one derived from their content when written (<see cref="CellIds"/>).
/// </summary>
internal static partial class IpynbFormat
{
    /// <summary>nbformat_minor for notebooks that did not come from an .ipynb file.</summary>
    public const int DefaultMinor = 5;

    const string Polyglot = "polyglot_notebook";
    const string Legacy = "dotnet_interactive";
    static readonly string[] CellKeys = ["cell_type", "source", "metadata", "outputs", "execution_count"];
    static readonly JsonNode LanguageInfo = new JsonObject { ["name"] = "polyglot-notebook" };

    public static Notebook Parse(string json, string? path)
    {
        ArgumentNullException.ThrowIfNull(json);
        var root = ParseJson(json, path) as JsonObject
            ?? throw new NotebookFormatException("is not a Jupyter notebook: expected a JSON object with cells, metadata and nbformat 4.", path);

        // 1) version: only nbformat 4 (any minor) has this layout
        var format = root["nbformat"];
        if (format is null)
            throw new NotebookFormatException("has no \"nbformat\": expected a Jupyter notebook with \"nbformat\": 4.", path);
        if (format is not JsonValue v || !v.TryGetValue<int>(out var major) || major != 4)
            throw new NotebookFormatException($"unsupported nbformat {format.ToJsonString()}: expected nbformat 4.", path);
        var notebook = new Notebook { FormatMinor = IntOf(root["nbformat_minor"], "nbformat_minor", path, null) ?? 0 };

        // 2) notebook metadata: kernelInfo into the model, everything else kept
        ReadMetadata(root["metadata"], notebook, path);

        // 3) cells
        if (root["cells"] is not JsonArray cells)
            throw new NotebookFormatException(
                $"\"cells\" is {(root["cells"] is null ? "missing" : KernelInfoJson.Describe(root["cells"]))}: expected an array of cells.", path);
        for (var i = 0; i < cells.Count; i++)
            notebook.Cells.Add(ReadCell(cells[i], notebook, path, i + 1));

        foreach (var (key, value) in root)
            if (key is not ("cells" or "metadata" or "nbformat" or "nbformat_minor"))
                notebook.ExtraFields[key] = value?.DeepClone();
        return notebook;
    }

    static JsonNode? ParseJson(string json, string? path)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: StrictJson);
        }
        catch (JsonException e)
        {
            var at = e.LineNumber is long line ? $" at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new NotebookFormatException(
                $"malformed JSON{at}: expected a Jupyter notebook ({FirstSentence(e.Message)}).", path, inner: e);
        }
    }

    /// <summary>Plain JSON as nbformat specifies it: no comments, no trailing commas, and no key twice in one object.</summary>
    internal static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    /// <summary>System.Text.Json's message without its "Path: ..." and 0-based "LineNumber: ..." tail, which the caller words itself.</summary>
    internal static string FirstSentence(string message)
    {
        foreach (var tail in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(tail, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.TrimEnd('.', ' ');
    }

    static void ReadMetadata(JsonNode? node, Notebook notebook, string? path)
    {
        if (node is null) return;
        if (node is not JsonObject metadata)
            throw new NotebookFormatException($"\"metadata\" is {KernelInfoJson.Describe(node)}: expected an object.", path);
        var extra = (JsonObject)metadata.DeepClone();
        if (extra[Polyglot] is JsonObject polyglot && polyglot.ContainsKey("kernelInfo"))
        {
            KernelInfoJson.Read(polyglot["kernelInfo"], notebook, "metadata.polyglot_notebook.kernelInfo", path);
            polyglot.Remove("kernelInfo");
            if (polyglot.Count == 0) extra.Remove(Polyglot);
        }
        else
        {
            // No Polyglot metadata: the kernelspec's language chooses the default (dotnet/interactive Jupyter/Notebook.cs).
            var language = extra["kernelspec"] is JsonObject spec && spec["language"] is JsonValue value ? value.ToString() : null;
            notebook.DefaultKernelName = language switch
            {
                "F#" or "fsharp" => KernelNames.FSharp,
                "PowerShell" or "pwsh" => KernelNames.PowerShell,
                _ => KernelNames.CSharp,
            };
        }
        // The writer puts the standard kernelspec and language_info back, so keep them only when they differ.
        if (JsonNode.DeepEquals(extra["kernelspec"], KernelSpec(notebook.DefaultKernelName))) extra.Remove("kernelspec");
        if (JsonNode.DeepEquals(extra["language_info"], LanguageInfo)) extra.Remove("language_info");
        notebook.ExtraMetadata = extra;
    }

    static NotebookCell ReadCell(JsonNode? node, Notebook notebook, string? path, int number)
    {
        if (node is not JsonObject json)
            throw new NotebookFormatException($"is {KernelInfoJson.Describe(node)}: expected a cell object with cell_type and source.", path, number);
        var type = json["cell_type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        var kind = type switch
        {
            "code" => CellKind.Code,
            "markdown" => CellKind.Markdown,
            "raw" => CellKind.Raw,
            _ => throw new NotebookFormatException(
                $"cell_type {(json["cell_type"] is null ? "is missing" : json["cell_type"]!.ToJsonString())}: expected \"code\", \"markdown\" or \"raw\".", path, number),
        };
        var source = TextOf(json["source"], "source", path, number);
        if (json["metadata"] is JsonNode m && m is not JsonObject)
            throw new NotebookFormatException($"metadata is {KernelInfoJson.Describe(m)}: expected an object.", path, number);
        var metadata = (JsonObject?)json["metadata"]?.DeepClone() ?? [];

        var cell = new NotebookCell(kind, kind == CellKind.Markdown ? KernelNames.Markdown : KernelNames.Raw, source)
        {
            ExtraMetadata = metadata,
        };
        foreach (var (key, value) in json)
            if (!CellKeys.Contains(key)) cell.ExtraFields[key] = value?.DeepClone();
        if (kind != CellKind.Code) return cell;

        ReadKernel(cell, notebook, path, number);
        cell.ExecutionCount = IntOf(json["execution_count"], "execution_count", path, number);
        if (json["outputs"] is JsonNode outputs)
        {
            if (outputs is not JsonArray list)
                throw new NotebookFormatException($"outputs is {KernelInfoJson.Describe(outputs)}: expected an array.", path, number);
            for (var i = 0; i < list.Count; i++) cell.Outputs.Add(ReadOutput(list[i], path, number, i + 1));
        }
        return cell;
    }

    /// <summary>Sets the kernel of a code cell and takes polyglot_notebook.kernelName and dotnet_interactive.language out of its metadata.</summary>
    static void ReadKernel(NotebookCell cell, Notebook notebook, string? path, int number)
    {
        var metadata = cell.ExtraMetadata;
        string? fromMetadata = null;
        if (metadata[Polyglot] is JsonObject polyglot && polyglot["kernelName"] is JsonNode name)
        {
            fromMetadata = Resolve(name, "metadata.polyglot_notebook.kernelName", notebook, path, number);
            polyglot.Remove("kernelName");
            if (polyglot.Count == 0) metadata.Remove(Polyglot);
        }
        cell.HadLegacyLanguage = metadata[Legacy] is JsonObject legacy && legacy.ContainsKey("language");
        if (metadata[Legacy] is JsonObject dotnet && dotnet["language"] is JsonNode language)
        {
            // The legacy key only decides when the Polyglot one is absent (Polyglot's getCellKernelName).
            var resolved = fromMetadata is null ? Resolve(language, "metadata.dotnet_interactive.language", notebook, path, number) : null;
            fromMetadata ??= resolved;
            cell.LegacyLanguage = language.ToString();
            dotnet.Remove("language");
            if (dotnet.Count == 0) metadata.Remove(Legacy);
        }
        cell.KernelName = fromMetadata ?? notebook.DefaultKernelName;
        cell.KernelAtRead = cell.KernelName;

        // A first line #!kernel naming a known kernel overrides the metadata; it is kept aside so it is written back.
        var newline = cell.Source.IndexOf('\n');
        var first = (newline < 0 ? cell.Source : cell.Source[..newline]).TrimEnd('\r');
        if (first.StartsWith("#!", StringComparison.Ordinal) && KernelNames.Resolve(first[2..], notebook.Kernels) is string chosen)
        {
            cell.MetadataKernel = cell.KernelName;
            cell.KernelName = chosen;
            cell.KernelLine = first;
            cell.KernelAtRead = chosen;
            cell.Source = newline < 0 ? "" : cell.Source[(newline + 1)..];
        }
    }

    static string Resolve(JsonNode node, string where, Notebook notebook, string? path, int number)
    {
        var name = node is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : throw new NotebookFormatException($"{where} is {KernelInfoJson.Describe(node)}: expected a kernel name.", path, number);
        return KernelNames.Resolve(name, notebook.Kernels)
            ?? throw new NotebookFormatException($"unknown kernel '{name}' in {where}: expected {KernelInfoJson.Expected(notebook)}.", path, number);
    }

    /// <summary>nbformat's multiline string: one string, or a list of strings to concatenate.</summary>
    static string TextOf(JsonNode? node, string where, string? path, int? cell)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text)) return text;
        if (node is JsonArray parts && parts.All(IsString)) return string.Concat(parts.Select(p => p!.GetValue<string>()));
        if (node is null && where == "source") return "";
        throw new NotebookFormatException($"{where} is {KernelInfoJson.Describe(node)}: expected a string or a list of strings.", path, cell);
    }

    static int? IntOf(JsonNode? node, string where, string? path, int? cell)
    {
        if (node is null) return null;
        if (node is JsonValue v && v.TryGetValue<int>(out var n)) return n;
        if (node is JsonValue e && e.TryGetValue<JsonElement>(out var element)
            && element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var m)) return m;
        throw new NotebookFormatException($"{where} is {KernelInfoJson.Describe(node)}: expected a whole number or null.", path, cell);
    }
}
