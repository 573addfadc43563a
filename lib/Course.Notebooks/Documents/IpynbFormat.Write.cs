using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>Writing the .ipynb JSON: the notebook, its metadata and its cells (see the reading half for the rules and sources).</summary>
internal static partial class IpynbFormat
{
    public static string Write(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var ids = CellIds.Assign(notebook);
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(notebook.Cells.Select((c, i) => (JsonNode?)WriteCell(c, notebook, ids[i])).ToArray()),
            ["metadata"] = WriteMetadata(notebook),
            ["nbformat"] = 4,
            ["nbformat_minor"] = notebook.FormatMinor,
        };
        foreach (var (key, value) in notebook.ExtraFields)
            if (!root.ContainsKey(key)) root[key] = value?.DeepClone();
        return JupyterJson.Serialize(root);
    }

    static JsonObject WriteMetadata(Notebook notebook)
    {
        var metadata = (JsonObject)notebook.ExtraMetadata.DeepClone();
        if (!metadata.ContainsKey("kernelspec")) metadata["kernelspec"] = KernelSpec(notebook.DefaultKernelName);
        if (!metadata.ContainsKey("language_info")) metadata["language_info"] = LanguageInfo.DeepClone();
        if (metadata[Polyglot] is not JsonObject polyglot) metadata[Polyglot] = polyglot = [];
        polyglot["kernelInfo"] = KernelInfoJson.Write(notebook, alwaysAliases: true);
        return metadata;
    }

    /// <summary>The kernelspec Polyglot writes for a notebook whose default kernel is <paramref name="kernel"/>.</summary>
    static JsonObject KernelSpec(string kernel) => kernel switch
    {
        KernelNames.FSharp => new() { ["display_name"] = ".NET (F#)", ["language"] = "F#", ["name"] = ".net-fsharp" },
        KernelNames.PowerShell => new() { ["display_name"] = ".NET (PowerShell)", ["language"] = "PowerShell", ["name"] = ".net-pwsh" },
        _ => new() { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
    };

    static JsonObject WriteCell(NotebookCell cell, Notebook notebook, string? id)
    {
        var source = cell.Source;
        var kernelLineWritten = cell.Kind == CellKind.Code && cell.KernelLine is string line
            && KernelNames.Resolve(line[2..], notebook.Kernels) == cell.KernelName;
        if (kernelLineWritten) source = cell.KernelLine + "\n" + source;

        var json = new JsonObject
        {
            ["cell_type"] = cell.Kind switch { CellKind.Markdown => "markdown", CellKind.Raw => "raw", _ => "code" },
            ["metadata"] = cell.Kind == CellKind.Code ? CodeMetadata(cell, kernelLineWritten) : cell.ExtraMetadata.DeepClone(),
            ["source"] = Lines(source.Replace("\r\n", "\n")),
        };
        if (cell.Kind == CellKind.Code)
        {
            json["execution_count"] = cell.ExecutionCount;
            json["outputs"] = new JsonArray(cell.Outputs.Select(o => (JsonNode?)WriteOutput(o, cell)).ToArray());
        }
        if (id is not null) json["id"] = id;
        foreach (var (key, value) in cell.ExtraFields)
            if (!json.ContainsKey(key)) json[key] = value?.DeepClone();
        return json;
    }

    static JsonObject CodeMetadata(NotebookCell cell, bool kernelLineWritten)
    {
        // When a #!kernel first line chose the kernel, the metadata keeps the kernel it named (as VS Code leaves it).
        var kernel = kernelLineWritten && cell.MetadataKernel is string named ? named : cell.KernelName;
        var metadata = (JsonObject)cell.ExtraMetadata.DeepClone();
        if (cell.HadLegacyLanguage)
        {
            if (metadata[Legacy] is not JsonObject legacy) metadata[Legacy] = legacy = [];
            // An unchanged cell keeps the legacy value it had, even where it disagrees with kernelName.
            legacy["language"] = cell.LegacyLanguage is string original && cell.KernelName == cell.KernelAtRead ? original : kernel;
        }
        if (metadata[Polyglot] is not JsonObject polyglot) metadata[Polyglot] = polyglot = [];
        polyglot["kernelName"] = kernel;
        return metadata;
    }

    /// <summary>
    /// nbformat's list form of a text: split at "\n", every line but the last keeps its "\n", and a last empty piece
    /// is dropped, so "" gives [] and "a\n" gives ["a\n"] (serializers.ts, splitMultilineString).
    /// </summary>
    public static JsonArray Lines(string text)
    {
        var pieces = text.Split('\n');
        var lines = new JsonArray();
        for (var i = 0; i < pieces.Length; i++)
        {
            var line = i < pieces.Length - 1 ? pieces[i] + "\n" : pieces[i];
            if (line.Length > 0) lines.Add(line);
        }
        return lines;
    }
}
