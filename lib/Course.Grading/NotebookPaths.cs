namespace Course.Grading;

/// <summary>The notebooks a command line names: a file as given, a folder as the .ipynb and .dib files directly inside it.</summary>
public static class NotebookPaths
{
    /// <summary>Every notebook in <paramref name="inputs"/>, folders expanded in name order, each file once.</summary>
    public static List<string> Expand(IEnumerable<string> inputs) =>
        inputs.SelectMany<string, string>(input => Directory.Exists(input)
                ? Directory.EnumerateFiles(input).Where(IsNotebook).Order(StringComparer.Ordinal)
                : [input]) // a missing file is reported when it is read, by name
            .DistinctBy(Path.GetFullPath)
            .ToList();

    /// <summary>True for .ipynb and .dib files.</summary>
    public static bool IsNotebook(string path) => Path.GetExtension(path).ToLowerInvariant() is ".ipynb" or ".dib";
}
