using Microsoft.DotNet.Interactive.Formatting;

namespace Course.Notebooks.Kernel;

/// <summary>
/// Turns a value into mime-typed text the way Polyglot's C# kernel does: a string is text/plain,
/// anything else in the Formatter's preferred mime types for its type (text/html; IHtmlContent is written raw),
/// unless the caller names the mime types.
/// </summary>
internal static class ValueFormatter
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";

    public static IReadOnlyDictionary<string, string> Format(object? value, IReadOnlyList<string>? mimeTypes = null)
    {
        if (mimeTypes is null || mimeTypes.Count == 0)
            mimeTypes = value switch
            {
                null => [PlainText],
                string => [PlainText],
                _ => Formatter.GetPreferredMimeTypesFor(value.GetType()).DefaultIfEmpty(Html).ToArray(),
            };
        var data = new Dictionary<string, string>();
        foreach (var mimeType in mimeTypes)
            data[mimeType] = value switch
            {
                null => "<null>",
                string text when mimeType == PlainText => text,
                _ => Formatter.ToDisplayString(value, mimeType),
            };
        return data;
    }
}
