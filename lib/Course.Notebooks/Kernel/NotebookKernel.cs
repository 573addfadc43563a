using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;
using InteractiveKernel = Microsoft.DotNet.Interactive.Kernel;

namespace Course.Notebooks.Kernel;

/// <summary>
/// The real .NET Interactive kernel, configured the way the <c>dotnet-interactive</c> tool configures it for Polyglot
/// Notebooks (dotnet/interactive, src/dotnet-interactive/KernelBuilder.cs): a <see cref="CompositeKernel"/> whose C#
/// kernel has the NuGet directive (<c>#r "nuget:"</c>, <c>#i</c>), the kernel helpers (<c>display</c>, <c>HTML</c>, ...),
/// <c>#!who</c>/<c>#!whos</c> and value sharing (<c>#!set</c>, <c>#!share</c>), beside the HTML kernel and the value
/// store (<c>#!value</c>); the composite has <c>#!time</c> and <c>#!lsmagic</c> (which the tool takes from its Jupyter
/// package, not served here: <see cref="KernelMagics"/>) and loads the kernel extensions that packages bring
/// (<see cref="KernelExtensionLoader"/>). Formatting is a browser front end's, as in VS Code: HTML by default, strings as
/// plain text. Each cell is one <see cref="SubmitCode"/>; its events become <see cref="KernelOutput"/>s as Polyglot's
/// front end shows them, and its end a <see cref="CellOutcome"/>.
/// </summary>
public sealed class NotebookKernel : IDisposable
{
    readonly CompositeKernel kernel;
    readonly IDisposable subscription;
    // Where events go: the running cell's sink, kept after the cell ends so that a display updated later from a
    // background thread (a live progress line) still reaches the runner, which finds the display by its id.
    volatile Action<KernelOutput>? sink;

    /// <summary>Builds the kernel. Relative paths in cells (<c>#r</c>, <c>#load</c>, files) start at the process's working directory.</summary>
    public NotebookKernel()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((k, packages) =>
            {
                k.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        kernel = new CompositeKernel { FrontendEnvironment = new BrowserFrontEnd() };
        kernel.Add(csharp, ["c#", "C#"]);
        kernel.Add(new HtmlKernel());
        kernel.Add(new KeyValueStoreKernel().UseWho());
        kernel.DefaultKernelName = csharp.Name;
        kernel.UseTime().UseLsMagic().UseNuGetExtensions();
        // What the tool's SetUpFormatters does for a browser front end.
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);
        subscription = kernel.KernelEvents.Subscribe(OnEvent);
    }

    /// <summary>
    /// Runs one cell. Outputs are reported through <paramref name="onOutput"/> as they happen (console text, displayed
    /// values, updates of earlier displays, the cell's return value); the returned outcome says whether it compiled and ran.
    /// </summary>
    public async Task<CellOutcome> SubmitAsync(string code, Action<KernelOutput> onOutput, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(onOutput);
        sink = onOutput;
        var result = await kernel.SendAsync(new SubmitCode(code), cancellationToken);
        var failures = result.Events.OfType<CommandFailed>().ToList();
        var failed = failures.FirstOrDefault(f => f.Command == result.Command) ?? failures.FirstOrDefault();
        return failed is null ? CellOutcome.Ok : CellOutcome.Error(failed.Message, LineOf(failed.Message));
    }

    void OnEvent(KernelEvent e)
    {
        var output = e switch
        {
            StandardOutputValueProduced o => new StreamedOutput("stdout", PlainText(o)),
            StandardErrorValueProduced o => new StreamedOutput("stderr", PlainText(o)),
            ErrorProduced o => new StreamedOutput("stderr", PlainText(o)),
            DisplayedValueUpdated d => new DisplayedOutput(Data(d), d.ValueId, IsUpdate: true),
            // a return value that is itself a displayed value (display(x) as a cell's last line) is shown once, as Jupyter does
            ReturnValueProduced { Value: DisplayedValue } => null,
            DisplayEvent d => new DisplayedOutput(Data(d), d.ValueId ?? NewDisplayId()),
            _ => (KernelOutput?)null,
        };
        if (output is not null) sink?.Invoke(output);
    }

    static int displays;
    static string NewDisplayId() => "course-" + Interlocked.Increment(ref displays);

    static string PlainText(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? e.Value?.ToString() ?? "";

    static Dictionary<string, string> Data(DisplayEvent e) =>
        e.FormattedValues.GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => g.First().Value);

    /// <summary>The line of the first diagnostic, <c>(3,5): error CS0103: ...</c>, or of the cell's frame in a stack trace.</summary>
    internal static int? LineOf(string message)
    {
        var diagnostic = Regex.Match(message, @"^\((\d+),\d+\)", RegexOptions.Multiline);
        if (diagnostic.Success) return int.Parse(diagnostic.Groups[1].Value);
        return null;
    }

    /// <summary>The tool's BrowserFrontendEnvironment (src/dotnet-interactive/Http), which VS Code's kernel runs with.</summary>
    sealed class BrowserFrontEnd : FrontendEnvironment;

    public void Dispose()
    {
        subscription.Dispose();
        kernel.Dispose();
    }
}
