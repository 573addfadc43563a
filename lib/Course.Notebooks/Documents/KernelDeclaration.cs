namespace Course.Notebooks.Documents;

/// <summary>
/// One entry of the notebook's <c>kernelInfo.items</c>: a kernel the notebook uses, with the aliases that select it
/// in a <c>#!name</c> line. Written by Polyglot as <c>{"aliases": [...], "languageName": "...", "name": "..."}</c>.
/// </summary>
/// <param name="Name">The kernel's canonical name, such as "csharp".</param>
/// <param name="Aliases">Other names for it, such as "c#" and "cs" (often empty in saved files).</param>
/// <param name="LanguageName">The language ("C#", "fsharp", ...), or null when the file gives none.</param>
public sealed record KernelDeclaration(string Name, IReadOnlyList<string> Aliases, string? LanguageName = null)
{
    /// <summary>Equal when name, language and every alias are equal (the list is compared by content).</summary>
    public bool Equals(KernelDeclaration? other) =>
        other is not null && Name == other.Name && LanguageName == other.LanguageName && Aliases.SequenceEqual(other.Aliases);

    public override int GetHashCode() => HashCode.Combine(Name, LanguageName, Aliases.Count);
}
