using System.Diagnostics;
using System.Net;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using InteractiveKernel = Microsoft.DotNet.Interactive.Kernel;

namespace Course.Notebooks.Kernel;

/// <summary>
/// The two magic commands the dotnet-interactive tool adds from its Jupyter package (not served here), written as it
/// writes them (src/Microsoft.DotNet.Interactive.Jupyter/KernelExtensions.cs): <c>#!time</c> shows the cell's wall
/// time after it ran, <c>#!lsmagic</c> lists each kernel's magic commands.
/// </summary>
internal static class KernelMagics
{
    /// <summary><c>#!time</c>: "Wall time: 12.3456ms", shown once the rest of the cell has run.</summary>
    public static T UseTime<T>(this T kernel) where T : InteractiveKernel
    {
        kernel.AddDirective(new KernelActionDirective("#!time") { Description = "Time the execution of the current cell" },
            (command, context) =>
            {
                var timer = Stopwatch.StartNew();
                context.OnComplete(done =>
                {
                    var elapsed = timer.Elapsed;
                    done.Publish(new DisplayedValueProduced(elapsed, context.Command,
                        [new FormattedValue(PlainTextFormatter.MimeType, $"Wall time: {elapsed.TotalMilliseconds}ms")]));
                });
                return Task.CompletedTask;
            });
        return kernel;
    }

    /// <summary><c>#!lsmagic</c>: every visible directive of the root kernel and of each kernel in it, as HTML.</summary>
    public static T UseLsMagic<T>(this T kernel) where T : InteractiveKernel
    {
        kernel.VisitSubkernelsAndSelf(k => k.AddDirective(new KernelActionDirective("#!lsmagic") { Description = "List the available magic commands / directives" },
            (_, context) =>
            {
                var root = context.HandlingKernel.RootKernel;
                Show(root, context);
                if (root is CompositeKernel composite)
                    foreach (var child in composite)
                        if (child.KernelInfo.SupportedDirectives.Any(d => d.Name == "#!lsmagic")) Show(child, context);
                return Task.CompletedTask;
            }));
        return kernel;

        static void Show(InteractiveKernel kernel, KernelInvocationContext context)
        {
            var directives = kernel.KernelInfo.SupportedDirectives.Where(d => !d.Hidden).OrderBy(d => d.Name).ToList();
            var html = $"<div><h3>{WebUtility.HtmlEncode(kernel.Name)} kernel</h3><div>"
                + string.Concat(directives.Select(d =>
                    $"<div style=\"text-indent:1.5em\"><pre><span style=\"text-indent:1.5em; color:#512bd4\">{WebUtility.HtmlEncode(d.Name)}</span></pre>"
                    + $"<div style=\"text-indent:3em\">{WebUtility.HtmlEncode(d.Description ?? "")}</div></div>"))
                + "</div></div>";
            context.Publish(new DisplayedValueProduced(html, context.Command, [new FormattedValue(HtmlFormatter.MimeType, html)]));
        }
    }
}
