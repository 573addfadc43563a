using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>
/// Polyglot's <c>kernelInfo</c> object, shared by the .dib <c>#!meta</c> block and the ipynb
/// <c>metadata.polyglot_notebook</c>: <c>{"defaultKernelName": "csharp", "items": [{"name": ..., "languageName": ..., "aliases": [...]}]}</c>
/// (dotnet/interactive, src/Microsoft.DotNet.Interactive.Documents/KernelInfoCollectionConverter.cs and KernelInfoConverter.cs).
/// </summary>
internal static class KernelInfoJson
{
    /// <summary>Reads the default kernel and the declarations into <paramref name="notebook"/>.</summary>
    /// <exception cref="NotebookFormatException">The object does not have that shape, or the default kernel is unknown.</exception>
    public static void Read(JsonNode? kernelInfo, Notebook notebook, string where, string? path)
    {
        if (kernelInfo is not JsonObject info)
            throw new NotebookFormatException($"{where} must be a JSON object with defaultKernelName and items.", path);
        if (info["items"] is JsonNode itemsNode)
        {
            if (itemsNode is not JsonArray items)
                throw new NotebookFormatException($"{where}.items must be an array of {{\"name\": ...}} objects.", path);
            for (var i = 0; i < items.Count; i++)
                notebook.Kernels.Add(ReadItem(items[i], $"{where}.items[{i}]", path));
        }
        if (info["defaultKernelName"] is JsonNode defaultNode)
        {
            var name = StringOf(defaultNode, $"{where}.defaultKernelName", path);
            notebook.DefaultKernelName = KernelNames.Resolve(name, notebook.Kernels)
                ?? throw new NotebookFormatException(
                    $"unknown kernel '{name}' in {where}.defaultKernelName: expected {Expected(notebook)}.", path);
        }
    }

    static KernelDeclaration ReadItem(JsonNode? node, string where, string? path)
    {
        if (node is not JsonObject item)
            throw new NotebookFormatException($"{where} must be an object with a \"name\".", path);
        var name = item["name"] is JsonNode n ? StringOf(n, where + ".name", path)
            : throw new NotebookFormatException($"{where} has no \"name\": every kernelInfo item names its kernel.", path);
        var language = item["languageName"] is JsonNode l ? StringOf(l, where + ".languageName", path) : null;
        var aliases = new List<string>();
        if (item["aliases"] is JsonNode a)
        {
            if (a is not JsonArray array)
                throw new NotebookFormatException($"{where}.aliases must be an array of strings.", path);
            for (var i = 0; i < array.Count; i++) aliases.Add(StringOf(array[i], $"{where}.aliases[{i}]", path));
        }
        return new KernelDeclaration(name, aliases, language);
    }

    /// <summary>
    /// The kernelInfo object. <paramref name="alwaysAliases"/> writes an empty "aliases" array as VS Code does in .ipynb
    /// metadata; the .dib writer of dotnet/interactive leaves it out when there are none.
    /// </summary>
    public static JsonObject Write(Notebook notebook, bool alwaysAliases)
    {
        var items = new JsonArray();
        foreach (var kernel in notebook.Kernels)
        {
            var item = new JsonObject { ["name"] = kernel.Name };
            if (kernel.LanguageName is not null) item["languageName"] = kernel.LanguageName;
            if (alwaysAliases || kernel.Aliases.Count > 0) item["aliases"] = new JsonArray(kernel.Aliases.Select(a => (JsonNode?)a).ToArray());
            items.Add(item);
        }
        return new JsonObject { ["defaultKernelName"] = notebook.DefaultKernelName, ["items"] = items };
    }

    /// <summary>"csharp, fsharp, ... or a kernel declared in kernelInfo": the list for error messages.</summary>
    public static string Expected(Notebook notebook)
    {
        var declared = notebook.Kernels.Select(k => k.Name).Where(n => !KernelNames.Canonical.Contains(n));
        return string.Join(", ", KernelNames.Canonical.Concat(declared)) + " or a kernel declared in kernelInfo";
    }

    static string StringOf(JsonNode? node, string where, string? path) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s
            : throw new NotebookFormatException($"{where} must be a string, not {Describe(node)}.", path);

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.ToJsonString(),
    };
}
