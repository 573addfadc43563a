using System.Text.RegularExpressions;

namespace Course.Notebooks.Kernel;

/// <summary>What a directive line asks for.</summary>
public enum DirectiveKind
{
    /// <summary><c>#r "nuget: Name, Version"</c>: restore a package and reference it with its dependencies.</summary>
    NuGetPackage,
    /// <summary><c>#i "nuget: feed-or-folder"</c>: add a package source.</summary>
    NuGetSource,
    /// <summary><c>#r "path.dll"</c>: reference an assembly file.</summary>
    Assembly,
    /// <summary><c>#load "file.csx"</c>: run a script file.</summary>
    Load,
}

/// <summary>One directive: its kind, argument (package name, source, or path), version for a package, and 1-based line.</summary>
public sealed record Directive(DirectiveKind Kind, string Argument, string? Version, int Line);

/// <summary>
/// Finds the directive lines of a cell (<c>#r</c>, <c>#i</c>, <c>#load</c>) wherever they are, as Polyglot hoists them
/// to the top, and gives back the code with those lines blanked, so compiler line numbers still match the cell as written.
/// </summary>
public static partial class CellDirectives
{
    [GeneratedRegex("""^\s*#(?<word>r|i|load)\s+"(?<arg>[^"]*)"\s*$""")]
    private static partial Regex DirectiveLine();

    [GeneratedRegex(@"^\s*#![\w-]+")]
    private static partial Regex MagicLine();

    /// <summary>Splits <paramref name="code"/> into its directives and the remaining C# (same line count).</summary>
    /// <exception cref="FormatException">A <c>nuget:</c> directive without a package name, <c>#i</c> without <c>nuget:</c>, or a magic command such as <c>#!time</c>.</exception>
    public static (IReadOnlyList<Directive> Directives, string Code) Parse(string code)
    {
        var lines = code.Split('\n');
        var directives = new List<Directive>();
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (MagicLine().Match(line) is { Success: true } magic)
                throw new FormatException(
                    $"({i + 1},1): error: {magic.Value.Trim()} is a Polyglot magic command that the course engine does not run; remove the line.");
            var match = DirectiveLine().Match(line);
            if (!match.Success) continue;
            directives.Add(ToDirective(match.Groups["word"].Value, match.Groups["arg"].Value.Trim(), i + 1));
            lines[i] = "";
        }
        return (directives, string.Join('\n', lines));
    }

    static Directive ToDirective(string word, string argument, int line)
    {
        const string NuGet = "nuget:";
        bool isNuGet = argument.StartsWith(NuGet, StringComparison.OrdinalIgnoreCase);
        var rest = isNuGet ? argument[NuGet.Length..].Trim() : argument;
        switch (word)
        {
            case "r" when isNuGet:
                var parts = rest.Split(',', 2, StringSplitOptions.TrimEntries);
                if (parts[0].Length == 0)
                    throw new FormatException($"({line},1): #r \"{argument}\" names no package; expected #r \"nuget: Name, Version\".");
                var version = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
                return new Directive(DirectiveKind.NuGetPackage, parts[0], version, line);
            case "r":
                return new Directive(DirectiveKind.Assembly, rest, null, line);
            case "i" when isNuGet && rest.Length > 0:
                return new Directive(DirectiveKind.NuGetSource, rest, null, line);
            case "i":
                throw new FormatException($"({line},1): #i \"{argument}\" is not supported; expected #i \"nuget: <feed url or folder>\".");
            default:
                return new Directive(DirectiveKind.Load, rest, null, line);
        }
    }
}
