using System.Runtime.CompilerServices;

namespace Course.Notebooks.Tests.Formats;

/// <summary>The small notebooks in Formats/Corpus, read from the source tree (so the test project needs no copy step).</summary>
internal static class Corpus
{
    public static string Folder { get; } = Path.Combine(SourceFolder(), "Corpus");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    static string SourceFolder([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
