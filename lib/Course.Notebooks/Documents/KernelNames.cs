namespace Course.Notebooks.Documents;

/// <summary>
/// The kernel names Polyglot Notebooks knows without a declaration, with the aliases that select each one in a
/// <c>#!name</c> line, and the lookup alias → canonical name that also honours a notebook's own kernelInfo.
/// </summary>
public static class KernelNames
{
    public const string CSharp = "csharp";
    public const string FSharp = "fsharp";
    public const string Markdown = "markdown";
    public const string PowerShell = "pwsh";
    public const string Html = "html";
    public const string JavaScript = "javascript";
    public const string Mermaid = "mermaid";
    public const string Http = "http";
    public const string Value = "value";

    /// <summary>The pseudo-kernel of ipynb raw cells, so a raw cell survives a trip through .dib.</summary>
    public const string Raw = "raw";

    // Aliases as dotnet/interactive registers them: the C# kernel answers to "c#"/"C#" (and "cs" in the Polyglot
    // extension's language map), F# to "f#"/"F#"/"fs", PowerShell to "powershell", JavaScript to "js", Markdown to "md".
    static readonly Dictionary<string, string> BuiltIn = new(StringComparer.Ordinal)
    {
        [CSharp] = CSharp, ["c#"] = CSharp, ["C#"] = CSharp, ["cs"] = CSharp,
        [FSharp] = FSharp, ["f#"] = FSharp, ["F#"] = FSharp, ["fs"] = FSharp,
        [Markdown] = Markdown, ["md"] = Markdown,
        [PowerShell] = PowerShell, ["powershell"] = PowerShell,
        [Html] = Html,
        [JavaScript] = JavaScript, ["js"] = JavaScript,
        [Mermaid] = Mermaid,
        [Http] = Http,
        [Value] = Value,
    };

    /// <summary>The canonical names of the built-in kernels.</summary>
    public static IReadOnlyCollection<string> Canonical { get; } = BuiltIn.Values.Distinct().ToArray();

    /// <summary>
    /// The canonical kernel for <paramref name="name"/>: a built-in name or alias, or a kernel the notebook declares
    /// (by its name or one of its aliases, with or without a leading "#!"); null when nothing answers to it.
    /// </summary>
    public static string? Resolve(string name, IEnumerable<KernelDeclaration> declared)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (BuiltIn.TryGetValue(name, out var canonical)) return canonical;
        foreach (var kernel in declared)
        {
            if (kernel.Name == name) return BuiltIn.GetValueOrDefault(kernel.Name, kernel.Name);
            foreach (var alias in kernel.Aliases)
                if (alias == name || alias == "#!" + name) return BuiltIn.GetValueOrDefault(kernel.Name, kernel.Name);
        }
        return null;
    }
}
