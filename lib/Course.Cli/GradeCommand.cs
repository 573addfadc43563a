using Course.Notebooks.Documents;
using Course.Notebooks.Grading;

namespace Course.Cli;

/// <summary>
/// <c>course grade</c>: runs every submission in the engine with the key's tests (hidden ones included) in place,
/// prints a table per submission and a gradebook, and optionally writes it as JSON and CSV.
/// </summary>
public sealed class GradeCommand : ICommand
{
    public string Name => "grade";
    public string Summary => "grade submissions against a key notebook (tables, gradebook, JSON/CSV)";
    public string Usage => """
        usage: course grade <submissions (files or folders)>... --key <key notebook or folder> [options]

          A folder stands for every .ipynb and .dib file directly inside it. With several keys, each
          submission is graded against the key whose exercise ids it shares most.
          --key PATH      the key notebook, or a folder of keys (required)
          --json FILE     also write the gradebook as JSON
          --csv FILE      also write the gradebook as CSV (one row per submission)
          --timeout S     seconds one cell may run before it counts as failed (default: 60)

        exit code: 0 if every submission was graded (whatever its score), 1 if one could not be, 2 for bad arguments.
        """;

    public int Run(string[] args)
    {
        var arguments = Parse(args);
        var keyFiles = NotebookPaths.Expand([arguments.Key]);
        if (keyFiles.Count == 0) throw new UsageException($"--key '{arguments.Key}': no key notebook found there.");
        var submissions = NotebookPaths.Expand(arguments.Inputs);
        var protectedPaths = submissions.Concat(keyFiles).Select(Path.GetFullPath).ToHashSet();
        foreach (var output in new[] { arguments.Json, arguments.Csv }.OfType<string>())
            if (protectedPaths.Contains(Path.GetFullPath(output)))
                throw new UsageException($"writing the gradebook to {output} would overwrite a notebook being graded; choose another file.");
        submissions.RemoveAll(s => keyFiles.Any(k => Path.GetFullPath(k) == Path.GetFullPath(s)));
        if (submissions.Count == 0) throw new UsageException("no submissions found in " + string.Join(", ", arguments.Inputs) + ".");

        var keys = new List<Assignment>();
        foreach (var keyFile in keyFiles)
        {
            try { keys.Add(Assignment.Parse(NotebookFile.Read(keyFile), keyFile)); }
            catch (Exception e) when (e is NotebookFormatException or MarkerException)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine("course grade: fix the key first; nothing was graded.");
                return CommandLine.Failed;
            }
        }

        var options = new GradeOptions(arguments.Timeout, StudentCommand.ChecksAssembly());
        var graded = new List<GradedSubmission>();
        foreach (var path in submissions)
        {
            var key = KeyFor(path, keys);
            var grade = Grader.GradeFileAsync(key, path, options).GetAwaiter().GetResult();
            Console.Out.Write(Gradebook.Table(grade));
            Console.Out.WriteLine();
            graded.Add(new GradedSubmission(key, grade));
        }
        var book = new Gradebook(graded);
        Console.Out.Write(book.Summary());
        if (arguments.Json is { } json) Write(json, book.ToJson());
        if (arguments.Csv is { } csv) Write(csv, book.ToCsv());
        return graded.All(g => g.Grade.Problem is null) ? CommandLine.Ok : CommandLine.Failed;
    }

    /// <summary>The key sharing the most exercise ids with the submission's markers; among equals, the one with the
    /// same file name (without extension); else the first.</summary>
    static Assignment KeyFor(string path, List<Assignment> keys)
    {
        if (keys.Count == 1) return keys[0];
        HashSet<string> ids;
        try
        {
            ids = NotebookFile.Read(path).Cells.Select(c => CellMarkers.Scan(c.Source).Header?.ExerciseId).OfType<string>().ToHashSet();
        }
        catch (NotebookFormatException) { ids = []; } // reported when it is graded
        var name = Path.GetFileNameWithoutExtension(path);
        return keys.OrderByDescending(k => k.Exercises.Count(e => ids.Contains(e.Id)))
            .ThenByDescending(k => string.Equals(Path.GetFileNameWithoutExtension(k.Path), name, StringComparison.OrdinalIgnoreCase))
            .First();
    }

    static void Write(string path, string text)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllText(path, text);
        Console.Out.WriteLine($"wrote {path}");
    }

    sealed record Arguments(List<string> Inputs, string Key, string? Json, string? Csv, TimeSpan Timeout);

    static Arguments Parse(string[] args)
    {
        var inputs = new List<string>();
        string? key = null, json = null, csv = null;
        var timeout = TimeSpan.FromSeconds(60);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--key": key = Value(); break;
                case "--json": json = Value(); break;
                case "--csv": csv = Value(); break;
                case "--timeout": timeout = StudentCommand.Seconds("--timeout", Value()); break;
                case var option when option.StartsWith("--"): throw new UsageException($"unknown option '{option}'.");
                default: inputs.Add(args[i]); break;
            }
        }
        if (key is null) throw new UsageException("--key is required: the key notebook (or folder of keys) to grade against.");
        if (inputs.Count == 0) throw new UsageException("name at least one submission or folder.");
        return new Arguments(inputs, key, json, csv, timeout);
    }
}
