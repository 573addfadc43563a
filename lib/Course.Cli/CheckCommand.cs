using Course.Grading;
using Course.Notebooks.Documents;

namespace Course.Cli;

/// <summary>
/// <c>course check</c>: for students. Runs a notebook's own test cells (the visible tests of a student version)
/// with the grader's scoring (values compared in the grader, partial credit per check) and prints the table.
/// </summary>
public sealed class CheckCommand : ICommand
{
    public string Name => "check";
    public string Summary => "run a notebook's own tests with the grader's scoring and print the points (for students)";
    public string Usage => """
        usage: course check <notebook> [--timeout S]

          Runs the notebook in the engine with each check's value compared by the grader, as when it is
          graded (hidden tests are not in a student version: grading runs more). Prints the points per
          exercise and why a check failed. The notebook is not changed.
          --timeout S     seconds one cell may run (default: 60)

        exit code: 0 when every visible check passes, 1 otherwise, 2 for bad arguments.
        """;

    public int Run(string[] args)
    {
        string? path = null;
        var timeout = TimeSpan.FromSeconds(60);
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--timeout" when i + 1 < args.Length: timeout = StudentCommand.Seconds("--timeout", args[++i]); break;
                case var option when option.StartsWith("--"): throw new UsageException($"unknown option '{option}'.");
                default:
                    if (path is not null) throw new UsageException("name one notebook.");
                    path = args[i];
                    break;
            }
        }
        if (path is null) throw new UsageException("name the notebook to check.");
        Assignment notebook;
        try { notebook = Assignment.Parse(NotebookFile.Read(path), path, requireSolutions: false); }
        catch (Exception e) when (e is NotebookFormatException or MarkerException)
        {
            Console.Error.WriteLine(e.Message);
            return CommandLine.Failed;
        }
        // The student's own code on the student's own machine: no sandbox needed.
        var grader = new Grader(new GradeOptions(timeout, StudentCommand.ChecksAssembly(), NoSandbox: true));
        var grade = grader.CheckOwnAsync(notebook).GetAwaiter().GetResult();
        Console.Out.Write(Gradebook.Table(grade));
        return grade.Problem is null && grade.Exercises.All(e => e.ChecksPassed == e.Checks) ? CommandLine.Ok : CommandLine.Failed;
    }
}
