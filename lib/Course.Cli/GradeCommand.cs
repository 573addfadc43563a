using Course.Grading;
using Course.Notebooks.Documents;

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
          --budget S      seconds one submission may take in all, crashes and replays included (default: 600)
          --jobs N        submissions graded at once (default: the number of cores)
          --feedback DIR  write one feedback file per submission (markdown; hidden tests show only pass/fail)
          --results-json F  write Gradescope's results.json (one submission), or one F/<name>.json per submission
          --no-sandbox    run kernels without bubblewrap: only for notebooks you trust

          Every kernel runs in a bubblewrap sandbox (no network, no access to the key, the gradebook or
          other submissions; nothing it starts survives). Where bubblewrap cannot run, grading refuses
          unless --no-sandbox is given.

        exit code: 0 if every submission was graded (whatever its score), 1 if one could not be, 2 for bad arguments.
        """;

    public int Run(string[] args)
    {
        var arguments = Parse(args);
        var keyFiles = NotebookPaths.Expand([arguments.Key]);
        if (keyFiles.Count == 0) throw new UsageException($"--key '{arguments.Key}': no key notebook found there.");
        var submissions = NotebookPaths.Expand(arguments.Inputs);
        var protectedPaths = submissions.Concat(keyFiles).Select(Path.GetFullPath).ToHashSet();
        foreach (var output in new[] { arguments.Json, arguments.Csv, arguments.ResultsJson }.OfType<string>())
            if (protectedPaths.Contains(Path.GetFullPath(output)))
                throw new UsageException($"writing the gradebook to {output} would overwrite a notebook being graded; choose another file.");
        var keysGiven = submissions.Where(s => keyFiles.Any(k => Path.GetFullPath(k) == Path.GetFullPath(s))).ToList();
        submissions.RemoveAll(keysGiven.Contains);
        if (submissions.Count == 0)
            throw new UsageException(keysGiven.Count > 0
                ? $"{string.Join(", ", keysGiven)} {(keysGiven.Count == 1 ? "is" : "are")} the key given with --key, not a submission; "
                  + "to check that a key earns full marks against itself, run `course student` on it (it grades each key against itself first)."
                : "no submissions found in " + string.Join(", ", arguments.Inputs) + ".");
        if (arguments.ResultsJson is { } results && submissions.Count > 1 && !Directory.Exists(results) && !results.EndsWith('/'))
            throw new UsageException($"--results-json {results}: with {submissions.Count} submissions, give a folder (one <name>.json each).");

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

        // The sandbox hides the keys' folders, every submission's folder and where the gradebook goes.
        var hidden = submissions.Concat(new[] { arguments.Json, arguments.Csv, arguments.ResultsJson, arguments.Feedback }.OfType<string>())
            .Select(p => Path.GetDirectoryName(Path.GetFullPath(p))!).Distinct().ToList();
        var grader = new Grader(new GradeOptions(arguments.Timeout, StudentCommand.ChecksAssembly(), arguments.Budget,
            NoSandbox: arguments.NoSandbox, ReadOnly: DataFolders(keyFiles), Hidden: hidden));
        try { grader.RequireSandbox(); }
        catch (SandboxUnavailableException e)
        {
            Console.Error.WriteLine("course grade: " + e.Message);
            return CommandLine.Failed;
        }

        var grades = new SubmissionGrade?[submissions.Count];
        var chosen = submissions.Select(s => KeyFor(s, keys)).ToList();
        int next = -1, printed = 0;
        var gate = new object();
        void Print()
        {
            lock (gate)
                while (printed < grades.Length && grades[printed] is { } grade)
                {
                    Console.Out.Write(Gradebook.Table(grade));
                    Console.Out.WriteLine();
                    printed++;
                }
        }
        var workers = Enumerable.Range(0, Math.Min(arguments.Jobs, submissions.Count)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < submissions.Count)
            {
                grades[i] = await grader.GradeFileAsync(chosen[i], submissions[i]);
                Print();
            }
        })).ToArray();
        Task.WaitAll(workers);
        var graded = submissions.Select((_, i) => new GradedSubmission(chosen[i], grades[i]!)).ToList();
        var book = new Gradebook(graded);
        Console.Out.Write(book.Summary());
        if (arguments.Json is { } json) Write(json, book.ToJson());
        if (arguments.Csv is { } csv) Write(csv, book.ToCsv());
        if (arguments.Feedback is { } feedback)
            foreach (var g in graded)
                Write(Path.Combine(feedback, Path.GetFileNameWithoutExtension(g.Grade.Path) + ".feedback.md"), Feedback.Markdown(g.Grade));
        if (arguments.ResultsJson is { } resultsJson)
        {
            if (graded.Count == 1 && !Directory.Exists(resultsJson) && !resultsJson.EndsWith('/'))
                Write(resultsJson, Feedback.GradescopeJson(graded[0].Grade));
            else
                foreach (var g in graded)
                    Write(Path.Combine(resultsJson, Path.GetFileNameWithoutExtension(g.Grade.Path) + ".json"), Feedback.GradescopeJson(g.Grade));
        }
        return graded.All(g => g.Grade.Problem is null) ? CommandLine.Ok : CommandLine.Failed;
    }

    /// <summary>The course's data folders (data/ in a parent of a key), which notebooks read: readable in the sandbox.</summary>
    internal static IReadOnlyList<string> DataFolders(IEnumerable<string> keyFiles) =>
        keyFiles.Select(k => new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(k))!))
            .SelectMany(d => Enumerable.Range(0, 8).Select(_ => d = d?.Parent!).Prepend(d).Where(x => x is not null))
            .Select(d => Path.Combine(d.FullName, "data")).Where(Directory.Exists).Distinct().ToList();

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

    sealed record Arguments(List<string> Inputs, string Key, string? Json, string? Csv, TimeSpan Timeout, TimeSpan Budget, int Jobs,
        string? Feedback, string? ResultsJson, bool NoSandbox);

    static Arguments Parse(string[] args)
    {
        var inputs = new List<string>();
        string? key = null, json = null, csv = null, feedback = null, resultsJson = null;
        var timeout = TimeSpan.FromSeconds(60);
        var budget = TimeSpan.FromSeconds(600);
        int jobs = Environment.ProcessorCount;
        bool noSandbox = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--key": key = Value(); break;
                case "--json": json = Value(); break;
                case "--csv": csv = Value(); break;
                case "--timeout": timeout = StudentCommand.Seconds("--timeout", Value()); break;
                case "--budget": budget = StudentCommand.Seconds("--budget", Value()); break;
                case "--jobs":
                    var text = Value();
                    jobs = int.TryParse(text, out var n) && n > 0 ? n : throw new UsageException($"--jobs '{text}': expected a whole number ≥ 1.");
                    break;
                case "--feedback": feedback = Value(); break;
                case "--results-json": resultsJson = Value(); break;
                case "--no-sandbox": noSandbox = true; break;
                case var option when option.StartsWith("--"): throw new UsageException($"unknown option '{option}'.");
                default: inputs.Add(args[i]); break;
            }
        }
        if (key is null) throw new UsageException("--key is required: the key notebook (or folder of keys) to grade against.");
        if (inputs.Count == 0) throw new UsageException("name at least one submission or folder.");
        return new Arguments(inputs, key, json, csv, timeout, budget, jobs, feedback, resultsJson, noSandbox);
    }
}
