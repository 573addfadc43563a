using System.Text.RegularExpressions;
using System.Globalization;
using Course.Notebooks.Documents;
using Course.Notebooks.Hosting;
using Course.Notebooks.Kernel;

namespace Course.Cli;

/// <summary>
/// <c>course run</c>: executes notebooks headlessly, each in its own kernel process, printing a line per cell,
/// writing the executed .ipynb files to --out, and exiting 0 only if every notebook succeeded. With <c>--jobs N</c>
/// up to N notebooks run at once; what they print is kept in notebook order (<see cref="OrderedOutput"/>), and the
/// executed files and the JUnit report are the same as one at a time.
/// </summary>
public sealed class RunCommand : ICommand
{
    public string Name => "run";
    public string Summary => "execute notebooks (.dib/.ipynb) and write the executed .ipynb files";
    public string Usage => """
        usage: course run <notebooks or folders>... [options]

          A folder stands for every .ipynb and .dib file directly inside it, in name order.
          --out DIR              where the executed .ipynb files go (default: out); never over a source notebook
          --cell-timeout S       seconds a cell may run before its kernel process is stopped (default: 600)
          --param NAME=VALUE     replace the value of NAME in the cell whose first line is `// parameters` (repeatable)
          --continue-on-error    run the cells after a failed one (after a crash or timeout, in a fresh kernel without the earlier state)
          --junit FILE           also write a JUnit XML report, one test case per notebook
          --memory-limit-mb N    GC heap limit of each kernel process (default: 8192; 0 for none)
          --jobs N               notebooks run at once, each in its own kernel process (default: 1); their output
                                 is printed in notebook order, each notebook's lines together

        exit code: 0 if every notebook ran without error, 1 otherwise, 2 for bad arguments.
        """;

    public int Run(string[] args)
    {
        var arguments = RunArguments.Parse(args);
        try
        {
            return Run(arguments);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // e.g. an --out or --junit path that cannot be written: the reason, not a stack trace
            Console.Error.WriteLine($"course run: {e.Message}");
            return CommandLine.Failed;
        }
    }

    static int Run(RunArguments arguments)
    {
        var notebooks = arguments.Inputs.SelectMany(Expand).ToList();
        if (notebooks.Count == 0) throw new UsageException("no notebooks found in " + string.Join(", ", arguments.Inputs) + ".");
        var outputs = notebooks.ToDictionary(n => n, n => Path.GetFullPath(Path.Combine(arguments.OutDir, Path.GetFileNameWithoutExtension(n) + ".ipynb")));
        CheckOutputs(notebooks, outputs);
        try { Directory.CreateDirectory(arguments.OutDir); } // before any cell runs, not after an hour of training
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out '{arguments.OutDir}': cannot create the folder ({e.Message}).");
        }

        var options = new RunOptions(arguments.CellTimeout, arguments.ContinueOnError, arguments.Parameters,
            arguments.MemoryLimitMb is long mb ? (mb == 0 ? null : mb << 20) : RunOptions.DefaultHeapHardLimit);
        var results = new NotebookRunResult[notebooks.Count];
        var console = new OrderedOutput(notebooks.Count, Console.Out, Console.Error);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = arguments.Jobs };
        Parallel.ForEachAsync(Enumerable.Range(0, notebooks.Count), parallel, async (index, _) =>
        {
            var path = notebooks[index];
            // The notebook this lane runs next gets its kernel process started now, beside this one's cells.
            if (index + arguments.Jobs < notebooks.Count) NotebookRunner.StartKernelAhead(notebooks[index + arguments.Jobs], options);
            try
            {
                var result = await RunOneAsync(path, options, line => console.Out(index, line), line => console.Error(index, line));
                results[index] = result;
                if (result.Problem is null)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(outputs[path])!);
                    NotebookFile.Write(result.Executed, outputs[path]);
                }
            }
            finally { console.Finish(index); }
        }).GetAwaiter().GetResult();
        if (arguments.JUnit is { } junit) JUnitReport.Write(results, junit);

        int succeeded = results.Count(r => r.Succeeded);
        var seconds = results.Sum(r => r.Duration.TotalSeconds);
        Console.Out.WriteLine($"{results.Length} notebook(s): {succeeded} succeeded, {results.Length - succeeded} failed "
            + $"({seconds.ToString("0.0", CultureInfo.InvariantCulture)} s in cells); executed notebooks in {Path.GetFullPath(arguments.OutDir)}");
        return succeeded == results.Length ? CommandLine.Ok : CommandLine.Failed;
    }

    /// <summary>Runs one notebook, writing its cell lines to <paramref name="output"/> and its problem or first failure to <paramref name="error"/>.</summary>
    static async Task<NotebookRunResult> RunOneAsync(string path, RunOptions options, Action<string> output, Action<string> error)
    {
        Notebook notebook;
        try { notebook = NotebookFile.Read(path); }
        catch (NotebookFormatException e)
        {
            error(e.Message);
            return new NotebookRunResult(path, new Notebook(), [], e.Message);
        }
        var result = await NotebookRunner.RunAsync(notebook, path, options, cell =>
            output(string.Create(CultureInfo.InvariantCulture,
                $"{path}  cell {cell.Number,3}  {cell.Duration.TotalSeconds,7:0.00}s  {cell.Status.ToString().ToLowerInvariant()}")));
        if (result.Problem is { } problem) error(problem);
        else if (result.FirstFailure is { } failed)
        {
            var where = failed.ErrorLine is int line ? $"cell {failed.Number}, line {line}" : $"cell {failed.Number}";
            error($"{path}: {where}: {failed.Message}");
            var rest = failed.ErrorText?.Split('\n', 2) is [_, var details] ? details : null;
            if (!string.IsNullOrWhiteSpace(rest)) error(Indent(rest));
        }
        return result;
    }

    static string Indent(string text) => string.Join('\n', text.TrimEnd().Split('\n').Select(l => "    " + l));

    /// <summary>A file as given; a folder as its .ipynb and .dib files in name order.</summary>
    static IEnumerable<string> Expand(string input)
    {
        if (!Directory.Exists(input)) return [input]; // a missing file is reported when read, naming it
        return Directory.EnumerateFiles(input)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".ipynb" or ".dib")
            .Order(StringComparer.Ordinal);
    }

    static void CheckOutputs(List<string> notebooks, Dictionary<string, string> outputs)
    {
        var sources = notebooks.Select(Path.GetFullPath).ToHashSet();
        foreach (var (notebook, output) in outputs)
            if (sources.Contains(output))
                throw new UsageException($"writing the executed {notebook} to {output} would overwrite a source notebook; choose another --out folder.");
        foreach (var clash in outputs.GroupBy(kv => kv.Value).Where(g => g.Count() > 1))
            throw new UsageException($"{string.Join(" and ", clash.Select(kv => kv.Key))} would both be written to {clash.Key}; run them with different --out folders.");
    }
}

/// <summary>The parsed arguments of <c>course run</c>; bad ones throw <see cref="UsageException"/> naming the value.</summary>
internal sealed record RunArguments(
    List<string> Inputs, string OutDir, TimeSpan? CellTimeout, Dictionary<string, string> Parameters,
    bool ContinueOnError, string? JUnit, long? MemoryLimitMb, int Jobs = 1)
{
    public static RunArguments Parse(string[] args)
    {
        var result = new RunArguments([], "out", null, new Dictionary<string, string>(), false, null, null);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--out": result = result with { OutDir = Value() }; break;
                case "--junit": result = result with { JUnit = Value() }; break;
                case "--continue-on-error": result = result with { ContinueOnError = true }; break;
                case "--cell-timeout":
                    var seconds = Value();
                    if (!double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) || !(s > 0))
                        throw new UsageException($"--cell-timeout '{seconds}': expected a positive number of seconds.");
                    result = result with { CellTimeout = TimeSpan.FromSeconds(s) };
                    break;
                case "--memory-limit-mb":
                    var megabytes = Value();
                    if (!long.TryParse(megabytes, out var mb) || mb < 0)
                        throw new UsageException($"--memory-limit-mb '{megabytes}': expected a whole number of megabytes (0 for no limit).");
                    result = result with { MemoryLimitMb = mb };
                    break;
                case "--jobs":
                    var jobs = Value();
                    if (!int.TryParse(jobs, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                        throw new UsageException($"--jobs '{jobs}': expected a whole number of notebooks run at once, 1 or more.");
                    result = result with { Jobs = n };
                    break;
                case "--param":
                    var pair = Value();
                    var match = Regex.Match(pair, @"^(?<name>[A-Za-z_]\w*)=(?<value>.*)$", RegexOptions.Singleline);
                    if (!match.Success)
                        throw new UsageException($"--param '{pair}': expected NAME=VALUE with NAME a C# variable name.");
                    result.Parameters[match.Groups["name"].Value] = match.Groups["value"].Value;
                    break;
                case var option when option.StartsWith("--"):
                    throw new UsageException($"unknown option '{option}'.");
                default: result.Inputs.Add(args[i]); break;
            }
        }
        if (result.Inputs.Count == 0) throw new UsageException("name at least one notebook or folder.");
        return result;
    }
}
