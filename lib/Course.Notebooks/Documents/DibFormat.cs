using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Documents;

/// <summary>
/// The .dib format of Polyglot Notebooks, following dotnet/interactive's CodeSubmission.Parse and
/// ToCodeSubmissionContent (src/Microsoft.DotNet.Interactive.Documents/CodeSubmission.cs):
/// <list type="number">
/// <item>an optional <c>#!meta</c> block first: the lines up to the next line starting with <c>#!</c> hold JSON whose
/// <c>kernelInfo</c> gives the default kernel and declares kernels;</item>
/// <item>a line that is exactly <c>#!name</c>, where name is a known kernel or alias (or a declared one), starts a cell;
/// any other <c>#!...</c> line (<c>#!time</c>, <c>#!unknown</c>) is content of the current cell;</item>
/// <item>text before the first separator belongs to the default kernel (C#);</item>
/// <item>empty lines at the start and end of a cell are trimmed (lines of spaces are content), and empty cells dropped;</item>
/// <item>written back as <c>#!meta</c>, blank line, the JSON on one line, blank line, then per cell <c>#!name</c>,
/// blank line, content, blank line; lines joined by "\n", so the file ends in one "\n".</item>
/// </list>
/// Line endings "\r\n" and "\n" are both read; "\n" is written. Raw cells, which .dib lacks, are written as <c>#!raw</c>.
/// </summary>
internal static class DibFormat
{
    const string Prefix = "#!";
    const string MetaLine = "#!meta";

    // Like dotnet/interactive's InteractiveDocument.JsonSerializerOptions: compact, and no escaping of <, >, & or non-ASCII.
    static readonly JsonSerializerOptions MetaJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Notebook Parse(string text, string? path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split(["\r\n", "\n"], StringSplitOptions.None);
        var notebook = new Notebook();
        var index = 0;

        // 1) the #!meta block, if the file opens with one
        while (index < lines.Length && lines[index].Length == 0) index++;
        if (index < lines.Length && lines[index] == MetaLine)
            index = ReadMeta(lines, index, notebook, path);

        // 2) cells: a #!kernel line closes the current cell and opens the next
        var kernel = KernelNames.CSharp;
        var current = new List<string>();
        for (; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.StartsWith(Prefix, StringComparison.Ordinal) && Separator(line[Prefix.Length..], notebook) is string next)
            {
                AddCell(notebook, kernel, current);
                kernel = next;
                current.Clear();
            }
            else
            {
                current.Add(line);
            }
        }
        AddCell(notebook, kernel, current);
        return notebook;
    }

    /// <summary>Parses the JSON of the #!meta block starting at <paramref name="start"/>; returns the index of the line after it.</summary>
    static int ReadMeta(string[] lines, int start, Notebook notebook, string? path)
    {
        var end = start + 1;
        while (end < lines.Length && !lines[end].StartsWith(Prefix, StringComparison.Ordinal)) end++;
        var json = string.Join("\n", lines[(start + 1)..end]);
        JsonNode? meta;
        try
        {
            meta = JsonNode.Parse(json, documentOptions: IpynbFormat.StrictJson);
        }
        catch (JsonException e)
        {
            var at = e.LineNumber is long line ? $"line {start + 2 + line}, position {(e.BytePositionInLine ?? 0) + 1}: " : "";
            throw new NotebookFormatException(
                $"the #!meta block on line {start + 1} is not valid JSON ({at}{IpynbFormat.FirstSentence(e.Message)}): "
                + "expected one JSON object such as {\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[...]}}.", path, inner: e);
        }
        if (meta is not JsonObject metadata)
            throw new NotebookFormatException(
                $"the #!meta block on line {start + 1} holds {KernelInfoJson.Describe(meta)}: expected a JSON object with kernelInfo.", path);
        foreach (var (key, value) in metadata)
        {
            if (key == "kernelInfo") KernelInfoJson.Read(value, notebook, "#!meta kernelInfo", path);
            else notebook.ExtraMetadata[key] = value?.DeepClone();
        }
        return end;
    }

    /// <summary>The canonical kernel a <c>#!name</c> line opens, or null when the line is cell content.</summary>
    static string? Separator(string name, Notebook notebook) =>
        name == KernelNames.Raw ? KernelNames.Raw : KernelNames.Resolve(name, notebook.Kernels);

    static void AddCell(Notebook notebook, string kernel, List<string> lines)
    {
        var first = lines.FindIndex(l => l.Length != 0);
        if (first < 0) return; // an empty cell is dropped
        var last = lines.FindLastIndex(l => l.Length != 0);
        var source = string.Join("\n", lines.GetRange(first, last - first + 1));
        var kind = kernel switch { KernelNames.Markdown => CellKind.Markdown, KernelNames.Raw => CellKind.Raw, _ => CellKind.Code };
        notebook.Cells.Add(new NotebookCell(kind, kernel, source));
    }

    public static string Write(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var lines = new List<string>();

        // 1) #!meta: kernelInfo first, then the rest of the metadata in its order
        var meta = new JsonObject { ["kernelInfo"] = KernelInfoJson.Write(notebook, alwaysAliases: false) };
        foreach (var (key, value) in notebook.ExtraMetadata) meta[key] = value?.DeepClone();
        lines.AddRange([MetaLine, "", meta.ToJsonString(MetaJson), ""]);

        // 2) cells, trimmed of empty lines at both ends; empty cells are left out
        foreach (var cell in notebook.Cells)
        {
            var body = cell.Source.Split(["\r\n", "\n"], StringSplitOptions.None).ToList();
            var first = body.FindIndex(l => l.Length != 0);
            if (first < 0) continue;
            var last = body.FindLastIndex(l => l.Length != 0);
            lines.Add(Prefix + KernelOf(cell));
            lines.Add("");
            lines.AddRange(body.GetRange(first, last - first + 1));
            lines.Add("");
        }
        return string.Join("\n", lines);
    }

    /// <summary>
    /// What writing <paramref name="notebook"/> as .dib loses or changes, one sentence per cell (1-based): outputs
    /// (.dib holds none), empty cells (dropped), and lines that a reader would take as a new cell's <c>#!kernel</c>.
    /// </summary>
    public static List<string> Losses(Notebook notebook)
    {
        var losses = new List<string>();
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            var lines = cell.Source.Split(["\r\n", "\n"], StringSplitOptions.None);
            if (cell.Outputs.Count > 0)
                losses.Add($"cell {i + 1}: its {cell.Outputs.Count} output(s) are not kept (.dib holds no outputs).");
            if (lines.All(l => l.Length == 0))
                losses.Add($"cell {i + 1}: empty, so it is left out.");
            var splitter = lines.FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal) && Separator(l[Prefix.Length..], notebook) is not null);
            if (splitter is not null)
                losses.Add($"cell {i + 1}: its line '{splitter}' will be read back as the start of a new cell.");
        }
        return losses;
    }

    static string KernelOf(NotebookCell cell) => cell.Kind switch
    {
        CellKind.Markdown => KernelNames.Markdown,
        CellKind.Raw => KernelNames.Raw,
        _ => cell.KernelName,
    };
}
