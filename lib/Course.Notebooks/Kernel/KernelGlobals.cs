using Microsoft.AspNetCore.Html;

namespace Course.Notebooks.Kernel;

/// <summary>
/// The globals object of every C# cell: its public members are in scope unqualified, as
/// Microsoft.DotNet.Interactive.Kernel's helpers are in Polyglot (<c>display</c>, <c>HTML</c>, <c>CSS</c>, <c>Javascript</c>).
/// </summary>
public class KernelGlobals
{
    /// <summary>Displays <paramref name="value"/> (a string as text/plain, other values as text/html unless <paramref name="mimeTypes"/> say otherwise).</summary>
    /// <returns>A handle whose Update(newValue) replaces this output.</returns>
#pragma warning disable IDE1006 // lower-case names, as in Polyglot
    public DisplayedValue display(object? value, params string[] mimeTypes) => DisplayedValue.Show(value, mimeTypes);
#pragma warning restore IDE1006

    /// <summary>Wraps <paramref name="content"/> as HTML: displaying it (or leaving it as a cell's last expression) writes it raw.</summary>
    public IHtmlContent HTML(string content) => new HtmlString(content);

    /// <summary>Displays a &lt;style&gt; element with <paramref name="content"/>.</summary>
    public void CSS(string content) => display(new HtmlString($"<style>{content}</style>"), ValueFormatter.Html);

    /// <summary>Displays a &lt;script&gt; element running <paramref name="content"/> in the page.</summary>
    public void Javascript(string content) =>
        display(new HtmlString($"<script type=\"text/javascript\">{content}</script>"), ValueFormatter.Html);
}
