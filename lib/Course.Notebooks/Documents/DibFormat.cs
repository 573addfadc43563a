namespace Course.Notebooks.Documents;

/// <summary>The .dib format of Polyglot Notebooks (work in progress).</summary>
internal static class DibFormat
{
    public static Notebook Parse(string text, string? path) => throw new NotImplementedException();
    public static string Write(Notebook notebook) => throw new NotImplementedException();
}
