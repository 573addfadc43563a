using Course.Notebooks.Documents;

namespace Course.Grading;

/// <summary>
/// Makes the notebook students receive from a key: every solution block replaced by a stub that throws
/// <see cref="NotImplementedException"/> naming the exercise (see <see cref="SolutionStub"/>), every hidden-test
/// block replaced by one comment line, and every output and execution count cleared. The EXERCISE and TEST marker
/// lines stay, so that the grader can match the submission's cells to the key's.
/// </summary>
public static class StudentVersion
{
    /// <summary>The line that stands where hidden tests were.</summary>
    public const string HiddenTestsNote = "// (More tests run when this notebook is graded.)";

    /// <summary>The student version of a validated key; the key itself is not changed.</summary>
    public static Notebook Make(Assignment key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var student = key.Notebook.WithoutOutputs();
        for (int i = 0; i < student.Cells.Count; i++)
        {
            if (key.Cells[i] is not { } markers || markers.Blocks.Count == 0) continue;
            var lines = Markers.Lines(student.Cells[i].Source);
            var result = new List<string>();
            int next = 0;
            foreach (var block in markers.Blocks)
            {
                result.AddRange(lines[next..block.BeginLine]);
                result.AddRange(block.Kind == MarkerKind.BeginSolution
                    ? SolutionStub.For(lines, block, markers.Header!.ExerciseId!)
                    : [Indent(lines[block.BeginLine]) + HiddenTestsNote]);
                next = block.EndLine + 1;
            }
            result.AddRange(lines[next..]);
            student.Cells[i].Source = string.Join("\n", result);
        }
        return student;
    }

    static string Indent(string line) => new(line.TakeWhile(char.IsWhiteSpace).ToArray());
}
