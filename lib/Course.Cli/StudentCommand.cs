using System.Globalization;
using Course.Notebooks.Documents;
using Course.Grading;

namespace Course.Cli;

/// <summary>
/// <c>course student</c>: checks each key notebook by grading it against itself (it must earn full marks), then
/// writes the student version: solutions replaced by stubs, hidden tests removed, outputs cleared, same format.
/// </summary>
public sealed class StudentCommand : ICommand
{
    public string Name => "student";
    public string Summary => "make student versions of key notebooks (solutions stubbed, hidden tests removed)";
    public string Usage => """
        usage: course student <key notebooks or folders>... --out DIR [options]

          A folder stands for every .ipynb and .dib file directly inside it.
          Each key is first graded against itself in the engine; a key that does not earn full marks
          (a test of its own fails) or has a cell that fails is refused; so is a key whose student
          version would not compile. A check that passes in the unanswered student version is reported
          as a warning. The student version keeps the file name and format.
          --out DIR       where the student versions go (required); a key is never overwritten
          --timeout S     seconds a cell may run while the key is checked (default: 120)
          --force         replace student versions already in DIR (never a key)

        exit code: 0 if every student version was written, 1 if a key was refused, 2 for bad arguments.
        """;

    public int Run(string[] args)
    {
        var (inputs, outDir, timeout, force) = Parse(args);
        var keys = NotebookPaths.Expand(inputs);
        if (keys.Count == 0) throw new UsageException("no notebooks found in " + string.Join(", ", inputs) + ".");
        var keyPaths = keys.Select(Path.GetFullPath).ToHashSet();
        // Keys are the instructor's own notebooks: sandboxed where bubblewrap runs, else run as they are.
        var options = new GradeOptions(timeout, ChecksAssembly(), NoSandbox: Sandbox.WhyUnavailable() is not null,
            ReadOnly: GradeCommand.DataFolders(keys));

        int written = 0;
        foreach (var keyPath in keys)
        {
            var output = Path.GetFullPath(Path.Combine(outDir, Path.GetFileName(keyPath)));
            if (keyPaths.Contains(output))
            {
                Console.Error.WriteLine($"{keyPath}: refused: the student version would be written over the key {output}; choose another --out folder.");
                continue;
            }
            if (File.Exists(output) && !force)
            {
                Console.Error.WriteLine($"{keyPath}: refused: {output} already exists; pass --force to replace it.");
                continue;
            }
            if (Make(keyPath, options) is not { } student) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            NotebookFile.Write(student, output);
            Console.Out.WriteLine($"{keyPath} -> {output}");
            written++;
        }
        Console.Out.WriteLine($"{written} of {keys.Count} student version(s) written to {Path.GetFullPath(outDir)}");
        return written == keys.Count ? CommandLine.Ok : CommandLine.Failed;
    }

    /// <summary>The student version of the key at <paramref name="keyPath"/>, or null (with the reason on stderr) if it is refused.</summary>
    static Notebook? Make(string keyPath, GradeOptions options)
    {
        Assignment key;
        try { key = Assignment.Parse(NotebookFile.Read(keyPath), keyPath); }
        catch (Exception e) when (e is NotebookFormatException or MarkerException)
        {
            Console.Error.WriteLine($"{e.Message}\n{keyPath}: refused: fix the key first.");
            return null;
        }
        var grader = new Grader(options);
        var grade = grader.GradeAsync(key, key.Notebook, keyPath).GetAwaiter().GetResult();
        if (grade.Problem is not null || grade.Earned < key.TotalPoints - 1e-9)
        {
            Console.Error.Write(Gradebook.Table(grade));
            Console.Error.WriteLine($"{keyPath}: refused: the key earns {grade.Earned.ToString("0.##", CultureInfo.InvariantCulture)} of "
                + $"{key.TotalPoints.ToString("0.##", CultureInfo.InvariantCulture)} points against its own tests; every test of the key must pass.");
            return null;
        }
        if (grade.FailedCells.Count > 0)
        {
            foreach (var failure in grade.FailedCells) Console.Error.WriteLine($"{keyPath}: {failure}");
            Console.Error.WriteLine($"{keyPath}: refused: every cell of the key must run without error.");
            return null;
        }
        var student = StudentVersion.Make(key);
        var compileErrors = StudentVersionCheck.CompileErrorsAsync(student, keyPath, options).GetAwaiter().GetResult();
        if (compileErrors.Count > 0)
        {
            foreach (var error in compileErrors) Console.Error.WriteLine($"{keyPath}: student version: {error}");
            Console.Error.WriteLine($"{keyPath}: refused: the student version would not compile (keep declarations that later cells use outside the "
                + "solution and hidden blocks, and give top-level variables in a solution block a type instead of var).");
            return null;
        }
        // The unanswered version should earn nothing: a check that passes without an answer tests nothing.
        var unanswered = grader.GradeAsync(key, student, keyPath).GetAwaiter().GetResult();
        foreach (var exercise in unanswered.Exercises.Where(e => e.ChecksPassed > 0))
            Console.Error.WriteLine($"{keyPath}: warning: exercise '{exercise.Id}': {exercise.ChecksPassed} of {exercise.Checks} checks pass "
                + $"without an answer ({exercise.Earned.ToString("0.##", CultureInfo.InvariantCulture)} points); make them depend on the student's code.");
        return student;
    }

    static (List<string> Inputs, string OutDir, TimeSpan Timeout, bool Force) Parse(string[] args)
    {
        var inputs = new List<string>();
        string? outDir = null;
        var timeout = TimeSpan.FromSeconds(120);
        bool force = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--out": outDir = Value(); break;
                case "--timeout": timeout = Seconds("--timeout", Value()); break;
                case "--force": force = true; break;
                case var option when option.StartsWith("--"): throw new UsageException($"unknown option '{option}'.");
                default: inputs.Add(args[i]); break;
            }
        }
        if (inputs.Count == 0) throw new UsageException("name at least one key notebook or folder.");
        if (outDir is null) throw new UsageException("--out DIR is required: the folder the student versions go to.");
        return (inputs, outDir, timeout, force);
    }

    /// <summary>The Course.dll next to this command: graded notebooks reference it first.</summary>
    internal static string ChecksAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Course.dll");
        return File.Exists(path) ? path
            : throw new InvalidOperationException($"cannot find the course library {path} next to the course command; rebuild lib/Course.Cli.");
    }

    internal static TimeSpan Seconds(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && double.IsFinite(s)
            ? TimeSpan.FromSeconds(s)
            : throw new UsageException($"{option} '{text}': expected a positive number of seconds.");
}
