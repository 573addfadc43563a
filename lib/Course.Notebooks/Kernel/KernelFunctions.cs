using Microsoft.AspNetCore.Html;

namespace Course.Notebooks.Kernel;

/// <summary>
/// The helpers every C# cell has unqualified, as Microsoft.DotNet.Interactive.Kernel's are in Polyglot
/// (<c>display</c>, <c>HTML</c>, <c>CSS</c>, <c>Javascript</c>). The kernel's first, hidden submission is
/// <c>using static Course.Notebooks.Kernel.KernelFunctions;</c>, so they work inside a cell's classes too.
/// </summary>
public static class KernelFunctions
{
    /// <summary>Displays <paramref name="value"/> (a string as text/plain, other values as text/html unless <paramref name="mimeTypes"/> say otherwise).</summary>
    /// <returns>A handle whose Update(newValue) replaces this output.</returns>
#pragma warning disable IDE1006 // lower-case name, as in Polyglot
    public static DisplayedValue display(object? value, params string[] mimeTypes) => DisplayedValue.Show(value, mimeTypes);
#pragma warning restore IDE1006

    /// <summary>Wraps <paramref name="content"/> as HTML: displaying it (or leaving it as a cell's last expression) writes it raw.</summary>
    public static IHtmlContent HTML(string content) => new HtmlString(content);

    /// <summary>Displays a &lt;style&gt; element with <paramref name="content"/>.</summary>
    public static void CSS(string content) => display(new HtmlString($"<style>{content}</style>"), ValueFormatter.Html);

    /// <summary>Displays a &lt;script&gt; element running <paramref name="content"/> in the page.</summary>
    public static void Javascript(string content) =>
        display(new HtmlString($"<script type=\"text/javascript\">{content}</script>"), ValueFormatter.Html);
}
