using Course.Grading;
using Course.Notebooks.Documents;

namespace Course.Cli;

/// <summary>
/// <c>course normalize [--check] &lt;notebooks or folders&gt;…</c>: rewrites each .ipynb in the one canonical form the
/// course's writer produces (nbformat 4.5 with a cell id on every cell, Polyglot metadata, VS Code's layout), so that a
/// Jupyter front end and Polyglot both read it and a rewrite of an unchanged notebook changes nothing. With --check it
/// writes nothing and fails when a file is not in that form, naming it and why.
/// </summary>
public sealed class NormalizeCommand : ICommand
{
    public string Name => "normalize";
    public string Summary => "rewrite .ipynb notebooks in canonical nbformat 4.5 form with cell ids (--check: only verify)";
    public string Usage => """
        usage: course normalize [--check] <notebooks or folders>...

          A folder stands for every .ipynb file directly inside it.
          Each notebook is read and written back in canonical form: nbformat 4.5, every cell with an id (kept when it has
          a valid, unique one; otherwise derived from the cell's content), keys sorted, VS Code's layout. Files already in
          that form are not touched.
          --check   write nothing; list the notebooks that are not in canonical form and exit with 1 if there is one

        exit code: 0 when every notebook is (or now is) canonical, 1 when --check found one that is not or a file could
        not be read, 2 for bad arguments.
        """;

    public int Run(string[] args)
    {
        bool check = args.Contains("--check");
        var unknown = args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--check");
        if (unknown is not null) throw new UsageException($"unknown option '{unknown}'.");
        var inputs = args.Where(a => a != "--check").ToList();
        if (inputs.Count == 0) throw new UsageException("name at least one notebook or folder.");
        var files = NotebookPaths.Expand(inputs).Where(p => !p.EndsWith(".dib", StringComparison.OrdinalIgnoreCase)).ToList();
        if (files.Count == 0) throw new UsageException("no .ipynb notebooks found in " + string.Join(", ", inputs) + ".");

        int failed = 0, changed = 0;
        foreach (var path in files)
        {
            try
            {
                string before = File.ReadAllText(path);
                var notebook = NotebookFile.ParseIpynb(before, path);
                var reasons = Reasons(notebook);
                if (notebook.FormatMinor < CellIds.FirstMinor) notebook.FormatMinor = CellIds.FirstMinor;
                string after = NotebookFile.ToIpynb(notebook);
                if (after == before) continue;
                changed++;
                if (reasons.Count == 0) reasons.Add("its layout differs from the canonical form (key order, indentation, line splitting)");
                if (check)
                {
                    Console.Out.WriteLine($"{path}: not canonical: {string.Join("; ", reasons)}");
                    continue;
                }
                File.WriteAllText(path, after);
                Console.Out.WriteLine($"{path}: rewritten ({string.Join("; ", reasons)})");
            }
            catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"course normalize: {e.Message}");
                failed++;
            }
        }
        Console.Out.WriteLine(check
            ? $"{files.Count - changed - failed} of {files.Count} notebook(s) canonical" + (changed > 0 ? $"; run `course normalize {string.Join(' ', inputs)}` to fix the others" : "")
            : $"{changed} of {files.Count} notebook(s) rewritten");
        return failed > 0 || (check && changed > 0) ? CommandLine.Failed : CommandLine.Ok;
    }

    /// <summary>What keeps the notebook from canonical form, in words: its version, missing, malformed or repeated ids.</summary>
    static List<string> Reasons(Notebook notebook)
    {
        var reasons = new List<string>();
        if (notebook.FormatMinor < CellIds.FirstMinor)
            reasons.Add($"nbformat 4.{notebook.FormatMinor} (cell ids need 4.{CellIds.FirstMinor})");
        var ids = notebook.Cells.Select(CellIds.Existing).ToList();
        int missing = ids.Count(id => id is null);
        if (missing > 0) reasons.Add($"{missing} of {ids.Count} cells without an id");
        var malformed = ids.Where(id => id is not null && !CellIds.IsValid(id)).ToList();
        if (malformed.Count > 0) reasons.Add($"malformed id(s) {string.Join(", ", malformed.Select(id => $"'{id}'"))} (expected 1-64 letters, digits, '-' or '_')");
        var repeated = ids.Where(CellIds.IsValid).GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0) reasons.Add($"id(s) used by more than one cell: {string.Join(", ", repeated)}");
        return reasons;
    }
}
