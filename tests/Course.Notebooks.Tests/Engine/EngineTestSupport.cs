using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Course.Notebooks.Documents;
using Course.Notebooks.Kernel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Course.Notebooks.Tests.Engine;

/// <summary>The engine's notebook corpus (tests/Course.Notebooks.Tests/Corpus), read from the source tree.</summary>
internal static class EngineCorpus
{
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(SourceFolder(), "..", "Corpus"));

    public static string GoldenFolder => Path.Combine(Folder, "golden");

    static string SourceFolder([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;

    /// <summary>Copies the corpus to <paramref name="target"/> and builds lib/Greeter.dll there from lib/Greeter.cs.</summary>
    public static void CopyTo(string target)
    {
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Folder, file);
            if (relative.StartsWith("golden")) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }
        BuildLibrary(Path.Combine(target, "lib", "Greeter.cs"), Path.Combine(target, "lib", "Greeter.dll"));
    }

    /// <summary>The framework's assemblies and .NET Interactive's, to compile a kernel extension against.</summary>
    public static string[] FrameworkAndKernelAssemblies()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == framework && !p.EndsWith("System.Private.CoreLib.dll"))
            .Append(typeof(Microsoft.DotNet.Interactive.IKernelExtension).Assembly.Location)
            .Append(typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly.Location)];
    }

    /// <summary>Compiles one C# file into a library.</summary>
    public static void BuildLibrary(string source, string dll, params string[] references)
    {
        var name = Path.GetFileNameWithoutExtension(dll);
        var compilation = CSharpCompilation.Create(name,
            [CSharpSyntaxTree.ParseText(File.ReadAllText(source))],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location), .. references.Select(r => MetadataReference.CreateFromFile(r))],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = compilation.Emit(dll);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }
}

/// <summary>
/// An executed notebook as stable text for golden files: each cell's kind, kernel, execution count, status and
/// outputs, with what changes from run to run normalised (timings and display ids are left out, the Formatter's
/// shared &lt;style&gt; block and stack frames are cut, the run's folder becomes &lt;dir&gt;).
/// </summary>
internal static class Golden
{
    public static string Project(Notebook notebook, string? problem, string folder)
    {
        var text = new StringBuilder();
        if (problem is not null) text.AppendLine("problem: " + Normalise(problem, folder));
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            var status = cell.ExtraMetadata["course"]?["status"]?.GetValue<string>();
            text.Append($"cell {i + 1} {cell.Kind.ToString().ToLowerInvariant()} {cell.KernelName}");
            if (cell.ExecutionCount is int count) text.Append($" #{count}");
            if (status is not null) text.Append($" {status}");
            text.AppendLine();
            foreach (var output in cell.Outputs)
                text.AppendLine(output switch
                {
                    StreamOutput s => $"  {s.Name}: {Quote(s.Text)}",
                    DisplayOutput d => string.Join("\n", d.Data.OrderBy(kv => kv.Key).Select(kv => $"  {kv.Key}: {Quote(CutStyle(kv.Value))}")),
                    ErrorOutput e => $"  {e.Name}: {Quote(Normalise(e.Value, folder))}",
                    _ => "  ?",
                });
        }
        return text.ToString().Replace("\r\n", "\n");
    }

    static string CutStyle(string html) => html.IndexOf("<style>\r\n.dni-code-hint", StringComparison.Ordinal) is var at and > 0 ? html[..at] + "<style>…" : html;

    static string Normalise(string text, string folder)
    {
        var lines = Regex.Replace(text.Replace(folder, "<dir>"), @"Repeated \d+ times", "Repeated N times").Split('\n')
            .Where(l => !l.StartsWith("   at ") && !l.StartsWith("--- End of"))
            .Select(l => l.TrimEnd('\r'));
        return string.Join("\n", lines);
    }

    static string Quote(string text) => JsonSerializer.Serialize(text, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Compares with golden/<paramref name="name"/>.txt; COURSE_UPDATE_GOLDEN=1 rewrites it instead.</summary>
    public static void Check(string name, string actual)
    {
        var path = Path.Combine(EngineCorpus.GoldenFolder, name + ".txt");
        if (Environment.GetEnvironmentVariable("COURSE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no golden file {path}: run once with COURSE_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), actual);
    }
}

/// <summary>Runs cells in an in-process kernel (the real .NET Interactive kernel, as the kernel process hosts it) and collects what they produce.</summary>
internal sealed class KernelSession : IDisposable
{
    public NotebookKernel Kernel { get; } = new();

    public async Task<(CellOutcome Outcome, List<KernelOutput> Outputs)> RunAsync(string code)
    {
        var outputs = new List<KernelOutput>();
        var outcome = await Kernel.SubmitAsync(code, output => { lock (outputs) outputs.Add(output); });
        lock (outputs) return (outcome, [.. outputs]);
    }

    public void Dispose() => Kernel.Dispose();
}

/// <summary>Runs cells as a notebook in <paramref name="folder"/> through the runner (a kernel process whose working directory is that folder).</summary>
internal static class FolderRun
{
    public static async Task<NotebookRunResultView> RunAsync(string folder, params string[] cells)
    {
        var path = Path.Combine(folder, "cells.dib");
        var result = await Course.Notebooks.Hosting.NotebookRunner.RunAsync(
            new Notebook([.. cells.Select(c => NotebookCell.Code(c))]), path,
            new Course.Notebooks.Hosting.RunOptions(TimeSpan.FromMinutes(5), ContinueOnError: true));
        return new NotebookRunResultView(result);
    }
}

/// <summary>A run's cells: each one's outcome and outputs.</summary>
internal sealed record NotebookRunResultView(Course.Notebooks.Hosting.NotebookRunResult Result)
{
    public Course.Notebooks.Hosting.CellRunResult this[int cell] => Result.Cells[cell];
}

/// <summary>
/// Tests that run kernels in the test process share Console (a thread without a cell's async flow writes to the cell
/// running at that moment), so they run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessKernels
{
    public const string Name = "in-process kernels";
}
