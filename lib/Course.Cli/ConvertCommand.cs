using Course.Notebooks.Documents;

namespace Course.Cli;

/// <summary>
/// <c>course convert IN OUT [--force] [--no-outputs]</c>: reads a .dib or .ipynb notebook and writes it in the format of
/// OUT's extension: .ipynb, .dib, or .html (a self-contained page of the notebook and its outputs, see <see cref="HtmlExport"/>). It never overwrites its input, and overwrites an existing OUT only with --force; the new file is
/// written beside OUT first and moved into place, so a failure leaves whatever was there untouched.
/// </summary>
public sealed class ConvertCommand : ICommand
{
    readonly TextWriter _out;
    readonly TextWriter _error;

    /// <summary>Writes its messages to the console.</summary>
    public ConvertCommand() : this(Console.Out, Console.Error) { }

    /// <summary>Writes its messages to the given writers (for tests).</summary>
    public ConvertCommand(TextWriter output, TextWriter error)
    {
        _out = output;
        _error = error;
    }

    public string Name => "convert";

    public string Summary => "Convert a notebook between .dib and .ipynb, or to a self-contained offline .html page.";

    public string Usage => """
        usage: course convert <in.dib|in.ipynb> <out.ipynb|out.dib|out.html> [--force] [--no-outputs]

          in            the notebook to read (.dib or .ipynb; for .html, an executed notebook from `course run`)
          out           the file to write; its extension chooses the format: .html writes one page that reads
                        offline (markdown with its math, code, outputs, charts; KaTeX and plotly.js inside)
          --force       replace out if it already exists (the input is never overwritten)
          --no-outputs  leave out every cell's outputs and execution count
        """;

    public int Run(string[] args)
    {
        // 1) arguments
        var force = false;
        var withoutOutputs = false;
        var paths = new List<string>();
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "--force": force = true; break;
                case "--no-outputs": withoutOutputs = true; break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"unknown option '{arg}'.");
                    paths.Add(arg);
                    break;
            }
        }
        if (paths.Count != 2)
            throw new UsageException($"expected an input and an output notebook, got {paths.Count} path(s).");
        var (input, output) = (paths[0], paths[1]);
        if (Path.GetExtension(input).ToLowerInvariant() is not (".dib" or ".ipynb"))
            throw new UsageException($"the input '{input}' has extension '{Path.GetExtension(input)}': expected a notebook, .dib or .ipynb.");
        bool toHtml = Path.GetExtension(output).ToLowerInvariant() is ".html" or ".htm";
        if (!toHtml && Path.GetExtension(output).ToLowerInvariant() is not (".dib" or ".ipynb"))
            throw new UsageException($"the output '{output}' has extension '{Path.GetExtension(output)}': expected .dib, .ipynb or .html.");
        if (SamePath(input, output))
            throw new UsageException($"the output '{output}' is the input: convert never overwrites its input; choose another output path.");

        // 2) refuse to replace an existing output unless asked to
        if (Directory.Exists(output))
        {
            _error.WriteLine($"course convert: '{output}' is a folder: expected a notebook file path.");
            return CommandLine.Failed;
        }
        if (File.Exists(output) && !force)
        {
            _error.WriteLine($"course convert: '{output}' already exists; nothing was written (use --force to replace it).");
            return CommandLine.Failed;
        }

        // 3) read, convert, write beside the output and move into place
        try
        {
            var notebook = NotebookFile.Read(input);
            if (withoutOutputs) notebook = notebook.WithoutOutputs();
            if (toHtml)
            {
                if (!notebook.Cells.Any(c => c.Outputs.Count > 0))
                    _error.WriteLine($"course convert: warning: {input} has no outputs (not executed?); run it first with `course run {input} --out DIR` to include them.");
                WriteReplacing(output, temporary => File.WriteAllText(temporary, HtmlExport.Page(notebook, Path.GetFileNameWithoutExtension(input)), new System.Text.UTF8Encoding(false)));
                _out.WriteLine($"{input} -> {output} ({notebook.Cells.Count} cells, {new FileInfo(output).Length:N0} bytes)");
                return CommandLine.Ok;
            }
            if (NotebookFile.FormatOf(output) == ".dib")
                foreach (var loss in NotebookFile.DibLosses(notebook))
                    _error.WriteLine($"course convert: warning: {input}: {loss}");
            WriteReplacing(output, temporary => NotebookFile.Write(notebook, temporary));
            _out.WriteLine($"{input} -> {output} ({notebook.Cells.Count} cells)");
            return CommandLine.Ok;
        }
        catch (NotebookFormatException e)
        {
            _error.WriteLine($"course convert: {e.Message}");
            return CommandLine.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _error.WriteLine($"course convert: cannot write '{output}': {e.Message}");
            return CommandLine.Failed;
        }
    }

    static void WriteReplacing(string output, Action<string> write)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(output))!;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"the folder '{folder}' does not exist.");
        // The temporary file keeps the output's extension, which chooses the format.
        var temporary = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(output)}.{Guid.NewGuid():N}{Path.GetExtension(output)}");
        try
        {
            write(temporary);
            File.Move(temporary, output, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    static bool SamePath(string a, string b)
    {
        var (fullA, fullB) = (Path.GetFullPath(a), Path.GetFullPath(b));
        if (string.Equals(fullA, fullB, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
            return true;
        // The same file reached through a link.
        return File.Exists(fullA) && File.Exists(fullB)
            && string.Equals(ResolveLinks(fullA), ResolveLinks(fullB), StringComparison.Ordinal);
    }

    static string ResolveLinks(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
}
