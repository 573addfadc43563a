using System.Text.RegularExpressions;
using Course.Notebooks.Documents;
using Course.Notebooks.Hosting;
using Course.Notebooks.Kernel;

namespace Course.Grading;

/// <summary>
/// Runs a student version the way a student first opens it, to prove that it compiles: every cell may fail with the
/// stubs' NotImplementedException or a failed check, but none may fail to compile (a helper that only a hidden block
/// declared, a <c>var</c> that only a solution block declared, ...).
/// </summary>
public static partial class StudentVersionCheck
{
    [GeneratedRegex(@"error CS\d{4}")]
    private static partial Regex CompilerError();

    /// <summary>The cells of <paramref name="student"/> that do not compile, as "cell N: first error line".</summary>
    /// <param name="student">The student version.</param>
    /// <param name="path">Where it runs from (relative paths start in its folder): the key's path.</param>
    /// <param name="options">The timeout, the Course.dll to reference first, the kernel host.</param>
    public static async Task<IReadOnlyList<string>> CompileErrorsAsync(Notebook student, string path, GradeOptions options)
    {
        var run = new Notebook();
        var cellNumbers = new List<int>();
        run.Cells.Add(NotebookCell.Code(options.ChecksAssembly is null ? "" : $"#r \"{options.ChecksAssembly}\""));
        cellNumbers.Add(0);
        for (int i = 0; i < student.Cells.Count; i++)
        {
            if (!Assignment.IsCSharp(student.Cells[i])) continue;
            var source = student.Cells[i].Source;
            run.Cells.Add(NotebookCell.Code(options.ChecksAssembly is null ? source : GradedNotebook.WithoutCourseReferences(source)));
            cellNumbers.Add(i + 1);
        }
        var result = await NotebookRunner.RunAsync(run, path, new RunOptions(options.Timeout, ContinueOnError: true,
            HeapHardLimitBytes: options.HeapHardLimitBytes, HostCommand: options.HostCommand));
        if (result.Problem is not null) return [result.Problem];
        return result.Cells
            .Where(c => c.Status == CellStatus.Error && c.ErrorText is { } text && CompilerError().IsMatch(text))
            .Select(c => $"cell {cellNumbers[c.Number - 1]}: {c.Message}")
            .ToList();
    }
}
