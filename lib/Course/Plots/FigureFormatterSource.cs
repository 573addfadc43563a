namespace Course.Plots;

/// <summary>
/// How a notebook host formats a <see cref="Figure"/>, by .NET Interactive's formatter-source convention: the Formatter of
/// Microsoft.DotNet.Interactive (the Polyglot and Jupyter kernels, and the course's own engine) finds an attribute named
/// TypeFormatterSourceAttribute on the type, creates the source and asks it for formatters, each with a MimeType and a
/// Format(object, TextWriter) method, so the library needs no reference to .NET Interactive.
/// </summary>
internal sealed class FigureFormatterSource
{
    public const string Html = "text/html";
    public const string PlotlyJson = "application/vnd.plotly.v1+json";

    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new FigureFormatter(Html, figure => figure.ToDisplayHtml()),
        new FigureFormatter(PlotlyJson, figure => figure.ToPlotlyJson()),
    ];

    internal sealed class FigureFormatter(string mimeType, Func<Figure, string> format)
    {
        public string MimeType { get; } = mimeType;

        public Type Type => typeof(Figure);

        public bool Format(object instance, TextWriter writer)
        {
            if (instance is not Figure figure) return false;
            writer.Write(format(figure));
            return true;
        }
    }
}

/// <summary>Names the formatter source of a type (matched by name by .NET Interactive's Formatter; see <see cref="FigureFormatterSource"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[]? PreferredMimeTypes { get; set; }
}
