using System.Text.RegularExpressions;
using Course.Notebooks.Documents;

namespace Course.Notebooks.Hosting;

/// <summary>Thrown for a <c>--param</c> that has nowhere to go; the message names the notebook and the variable.</summary>
public sealed class ParameterException(string message) : Exception(message);

/// <summary>
/// Papermill's parameters, adapted to C#: the code cell whose first line is <c>// parameters</c> holds assignments
/// such as <c>var epochs = 5;</c> or <c>int epochs = 5;</c>, and <c>--param epochs=1</c> replaces the value
/// (kept as a C# literal; a string variable's new value is quoted unless it already is).
/// </summary>
public static partial class NotebookParameters
{
    public const string Marker = "// parameters";

    /// <summary>The 0-based index of the parameters cell, or -1.</summary>
    public static int FindCell(Notebook notebook) => notebook.Cells.FindIndex(c =>
        c.Kind == CellKind.Code && c.Source.TrimStart().Split('\n', 2)[0].Trim().Equals(Marker, StringComparison.OrdinalIgnoreCase));

    /// <summary>Replaces each named variable's value in the parameters cell of <paramref name="notebook"/> (in place).</summary>
    /// <exception cref="ParameterException">No parameters cell, or no assignment of a named variable in it.</exception>
    public static void Apply(Notebook notebook, IReadOnlyDictionary<string, string> values, string path)
    {
        if (values.Count == 0) return;
        int index = FindCell(notebook);
        if (index < 0)
            throw new ParameterException(
                $"{path}: --param {values.Keys.First()}=...: the notebook has no parameters cell (a code cell whose first line is '{Marker}').");
        var cell = notebook.Cells[index];
        foreach (var (name, value) in values)
        {
            bool found = false;
            cell.Source = Assignment().Replace(cell.Source, match =>
            {
                if (match.Groups["name"].Value != name) return match.Value;
                found = true;
                var literal = ToLiteral(value, match.Groups["type"].Value.Trim(), match.Groups["value"].Value.Trim());
                return match.Groups["head"].Value + literal + match.Groups["tail"].Value;
            });
            if (!found)
                throw new ParameterException(
                    $"{path}: cell {index + 1}: --param {name}=...: the parameters cell assigns no variable '{name}' (expected a line such as 'var {name} = ...;').");
        }
    }

    // A declaration with an initializer on one line: "var epochs = 5;", "int epochs = 5; // comment", "const int n = 3;".
    [GeneratedRegex(@"^(?<head>[ \t]*(?:const[ \t]+)?(?<type>[\w.<>\[\],?]+)[ \t]+(?<name>\w+)[ \t]*=[ \t]*)(?<value>[^;\n]*?)(?<tail>[ \t]*;[^\n]*)$", RegexOptions.Multiline)]
    private static partial Regex Assignment();

    /// <summary>The value as C# text: quoted (and escaped) for a string variable unless already quoted, otherwise as given.</summary>
    internal static string ToLiteral(string value, string type, string oldValue)
    {
        bool isString = type == "string" || oldValue.StartsWith('"') || oldValue.StartsWith("@\"") || oldValue.StartsWith("$\"");
        if (!isString || value.StartsWith('"') || value.StartsWith("@\"")) return value;
        return "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";
    }
}
