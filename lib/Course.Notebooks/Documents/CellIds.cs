using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Course.Notebooks.Documents;

/// <summary>
/// nbformat 4.5's cell ids (JEP 62): every cell of a 4.5 notebook has an "id" of 1–64 letters, digits, '-' or '_', unique
/// in the notebook. A cell keeps the id it was read with (so a front end's ids survive, and a rewrite of an unchanged
/// notebook changes nothing); a cell without one, or with one that is malformed or taken by an earlier cell, gets the first
/// 8 hex digits of SHA-256 over its type and source, followed by "-2", "-3", … if that is taken. Ids therefore depend only
/// on the notebook's content, never on the time or a random number. Notebooks before 4.5 have no ids (their schema forbids them).
/// </summary>
public static partial class CellIds
{
    /// <summary>The nbformat_minor from which cells carry ids.</summary>
    public const int FirstMinor = 5;

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex ValidId();

    /// <summary>True when <paramref name="id"/> is a well-formed nbformat cell id.</summary>
    public static bool IsValid(string? id) => id is not null && ValidId().IsMatch(id);

    /// <summary>The id each cell is written with, in order; nulls when the notebook's minor version has no ids.</summary>
    public static IReadOnlyList<string?> Assign(Notebook notebook)
    {
        var ids = new string?[notebook.Cells.Count];
        if (notebook.FormatMinor < FirstMinor) return ids;
        var used = new HashSet<string>(StringComparer.Ordinal);
        // 1) ids read from the file, the first use of each
        for (int i = 0; i < ids.Length; i++)
            if (Existing(notebook.Cells[i]) is { } id && IsValid(id) && used.Add(id)) ids[i] = id;
        // 2) the others, from their content
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] is not null) continue;
            string stem = FromContent(notebook.Cells[i]), id = stem;
            for (int n = 2; !used.Add(id); n++) id = $"{stem}-{n}";
            ids[i] = id;
        }
        return ids;
    }

    /// <summary>The id the cell was read with, if it was a string.</summary>
    public static string? Existing(NotebookCell cell) =>
        cell.ExtraFields["id"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var id) ? id : null;

    /// <summary>The first 8 hex digits of SHA-256("code\n" + source), or "markdown"/"raw" in place of "code".</summary>
    public static string FromContent(NotebookCell cell)
    {
        string type = cell.Kind switch { CellKind.Markdown => "markdown", CellKind.Raw => "raw", _ => "code" };
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(type + "\n" + cell.Source.Replace("\r\n", "\n")));
        return Convert.ToHexString(hash, 0, 4).ToLowerInvariant();
    }
}
