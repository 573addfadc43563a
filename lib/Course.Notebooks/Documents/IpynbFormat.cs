namespace Course.Notebooks.Documents;

/// <summary>The .ipynb format as Polyglot Notebooks writes it (work in progress).</summary>
internal static class IpynbFormat
{
    public const int DefaultMinor = 5;
    public static Notebook Parse(string text, string? path) => throw new NotImplementedException();
    public static string Write(Notebook notebook) => throw new NotImplementedException();
}
