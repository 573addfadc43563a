using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Course.Notebooks.Kernel;

/// <summary>
/// A C# kernel on Roslyn scripting that behaves like Polyglot's: each submission continues the previous
/// one (cells share state in order), the default usings and the display helpers are in scope, console
/// output is captured per cell, a trailing expression without a semicolon is displayed, and
/// <c>#r "nuget: ..."</c>, <c>#i</c>, <c>#r "x.dll"</c> and <c>#load</c> work as there.
/// </summary>
public sealed class CSharpKernel
{
    /// <summary>The namespaces every cell has without a using.</summary>
    public static readonly string[] DefaultUsings =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    static readonly Lazy<ImmutableArray<MetadataReference>> frameworkReferences = new(FrameworkReferences);

    readonly NuGetRestorer restorer;
    readonly List<PackageRequest> packages = [];
    readonly List<string> sources = [];
    readonly HashSet<string> referencedPaths = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> resolvedVersions = new(StringComparer.OrdinalIgnoreCase);
    ScriptOptions options;
    ScriptState<object> state;
    int submissionNumber;

    /// <param name="baseDirectory">Where relative paths of <c>#r</c>, <c>#load</c> and <c>#i</c> start: the notebook's folder (default: the working directory).</param>
    /// <param name="restorer">Restores NuGet packages (default: a <see cref="NuGetRestorer"/> on its default cache).</param>
    public CSharpKernel(string? baseDirectory = null, NuGetRestorer? restorer = null)
    {
        BaseDirectory = Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory());
        this.restorer = restorer ?? new NuGetRestorer();
        options = ScriptOptions.Default
            .WithReferences(frameworkReferences.Value)
            .AddReferences(typeof(KernelFunctions).Assembly,
                           typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly,
                           typeof(Microsoft.AspNetCore.Html.IHtmlContent).Assembly)
            .WithImports(DefaultUsings)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(BaseDirectory))
            .WithSourceResolver(new SourceFileResolver([], BaseDirectory));
        // The hidden first submission: Polyglot's helpers in scope for every later cell, classes included.
        state = CSharpScript.RunAsync($"using static {typeof(KernelFunctions).FullName};", options).GetAwaiter().GetResult();
    }

    /// <summary>The folder relative paths are resolved against.</summary>
    public string BaseDirectory { get; }

    /// <summary>The packages added so far, name → resolved version.</summary>
    public IReadOnlyDictionary<string, string> Packages => resolvedVersions;

    /// <summary>
    /// Runs one cell. Outputs are reported through <paramref name="onOutput"/> as they happen (console text per line,
    /// displayed values, updates); the returned outcome says whether the cell compiled and ran.
    /// </summary>
    public async Task<CellOutcome> SubmitAsync(string code, Action<KernelOutput> onOutput, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(onOutput);
        var cell = CellContext.Enter(onOutput);
        try
        {
            // 1) directives, wherever they are in the cell (Polyglot hoists them)
            IReadOnlyList<Directive> directives;
            try { (directives, code) = CellDirectives.Parse(code); }
            catch (FormatException e) { return CellOutcome.Error(e.Message, LineOf(e.Message)); }
            if (ApplyDirectives(directives) is { } directiveError) return directiveError;
            foreach (var load in directives.Where(d => d.Kind == DirectiveKind.Load))
                if (await LoadScriptAsync(load, cancellationToken) is { } loadError) return loadError;

            // 2) compile against the previous submission
            if (string.IsNullOrWhiteSpace(code)) return CellOutcome.Ok;
            var path = $"submission{++submissionNumber}";
            var script = Compile(code, path, out var compileError);
            if (compileError is not null) return compileError;
            bool hasValue = HasTrailingExpression(script!);

            // 3) run; an exception is the cell's error, and the state before it is kept for later cells
            var next = await RunAsync(script!, cancellationToken);
            if (next.Exception is { } exception) return ExceptionOutcome(exception, path);
            state = next;
            if (hasValue) DisplayedValue.Show(next.ReturnValue, []);
            return CellOutcome.Ok;
        }
        catch (CompilationErrorException e)
        {
            return CellOutcome.Error(FormatDiagnostics(e.Diagnostics), LineOf(e.Diagnostics));
        }
        finally
        {
            cell.Exit();
        }
    }

    Script<object>? Compile(string code, string path, out CellOutcome? error)
    {
        var cellOptions = options.WithFilePath(path);
        var script = state.Script.ContinueWith(code, cellOptions);
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        error = errors.Count == 0 ? null : CellOutcome.Error(FormatDiagnostics(errors), LineOf(errors));
        return errors.Count == 0 ? script : null;
    }

    /// <summary>True when the cell ends in an expression without a semicolon whose type is not void: its value is displayed.</summary>
    static bool HasTrailingExpression(Script script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        if (tree.GetRoot() is not CompilationUnitSyntax root
            || root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            || !statement.SemicolonToken.IsMissing)
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    async Task<ScriptState<object>> RunAsync(Script<object> script, CancellationToken cancellationToken)
    {
        var next = await script.RunFromAsync(state, _ => true, cancellationToken);
        // A cell that threw keeps what it declared before the throw, as in Polyglot.
        if (next.Exception is not null) state = next;
        return next;
    }

    CellOutcome ExceptionOutcome(Exception exception, string path)
    {
        var trace = new StackTrace(exception, fNeedFileInfo: true);
        // Roslyn resolves the submission's file name against the base directory.
        int? line = trace.GetFrames().FirstOrDefault(f => Path.GetFileName(f.GetFileName()) == path)?.GetFileLineNumber();
        return CellOutcome.Error(exception.ToString(), line is > 0 ? line : null);
    }

    /// <summary>Applies <c>#i</c>, <c>#r "nuget:"</c> and <c>#r "x.dll"</c>; returns the cell's error, or null.</summary>
    CellOutcome? ApplyDirectives(IReadOnlyList<Directive> directives)
    {
        foreach (var source in directives.Where(d => d.Kind == DirectiveKind.NuGetSource))
        {
            var resolved = Uri.TryCreate(source.Argument, UriKind.Absolute, out var uri) && !uri.IsFile
                ? source.Argument
                : Path.GetFullPath(Path.Combine(BaseDirectory, source.Argument));
            if (!sources.Contains(resolved)) sources.Add(resolved);
        }

        var requested = new List<PackageRequest>();
        foreach (var package in directives.Where(d => d.Kind == DirectiveKind.NuGetPackage))
        {
            if (resolvedVersions.TryGetValue(package.Argument, out var loaded))
            {
                if (package.Version is null || package.Version.Contains('*') || SameVersion(package.Version, loaded)) continue;
                return CellOutcome.Error(
                    $"{package.Argument} version {package.Version} cannot be added because version {loaded} was added previously.",
                    package.Line);
            }
            requested.Add(new PackageRequest(package.Argument, package.Version));
        }
        if (requested.Count > 0 && RestorePackages(requested, directives) is { } restoreError) return restoreError;

        foreach (var assembly in directives.Where(d => d.Kind == DirectiveKind.Assembly))
        {
            var path = Path.GetFullPath(Path.Combine(BaseDirectory, assembly.Argument));
            if (!File.Exists(path))
                return CellOutcome.Error(
                    $"({assembly.Line},1): error: #r \"{assembly.Argument}\": the assembly was not found at {path} (relative paths start at {BaseDirectory}).",
                    assembly.Line);
            AddReference(path);
        }
        return null;
    }

    CellOutcome? RestorePackages(List<PackageRequest> requested, IReadOnlyList<Directive> directives)
    {
        var all = packages.Concat(requested).ToList();
        RestoreResult result;
        try { result = restorer.Restore(all, sources); }
        catch (RestoreException e)
        {
            var line = directives.First(d => d.Kind == DirectiveKind.NuGetPackage).Line;
            return CellOutcome.Error(e.Message, line);
        }
        packages.AddRange(requested);
        foreach (var (name, version) in result.ResolvedVersions) resolvedVersions.TryAdd(name, version);
        // Polyglot shows what it installed; VS Code saves it as the cell's first output.
        var items = string.Concat(requested.Select(p => $"<li><span>{WebUtility.HtmlEncode(p.Name)}, {WebUtility.HtmlEncode(resolvedVersions[p.Name])}</span></li>"));
        CellContext.Current?.Display(new Dictionary<string, string>
        {
            [ValueFormatter.Html] = $"<div><div></div><div></div><div><strong>Installed Packages</strong><ul>{items}</ul></div></div>",
        });
        var framework = FrameworkAssemblyNames.Value;
        foreach (var assembly in result.RuntimeAssemblies)
            if (!framework.Contains(Path.GetFileNameWithoutExtension(assembly))) AddReference(assembly);
        return null;
    }

    void AddReference(string path)
    {
        if (!referencedPaths.Add(path)) return;
        ReferencedAssemblies.Add(path);
        options = options.AddReferences(MetadataReference.CreateFromFile(path));
    }

    async Task<CellOutcome?> LoadScriptAsync(Directive load, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(BaseDirectory, load.Argument));
        if (!File.Exists(path))
            return CellOutcome.Error(
                $"({load.Line},1): error: #load \"{load.Argument}\": the file was not found at {path} (relative paths start at {BaseDirectory}).",
                load.Line);
        var script = Compile(await File.ReadAllTextAsync(path, cancellationToken), path, out var error);
        if (error is not null)
            return CellOutcome.Error($"#load \"{load.Argument}\" ({path}):\n{error.ErrorText}", load.Line);
        var next = await RunAsync(script!, cancellationToken);
        if (next.Exception is { } exception) return CellOutcome.Error(exception.ToString(), load.Line);
        state = next;
        return null;
    }

    /// <summary>
    /// Where the runtime finds what referenced assemblies need: every assembly a kernel in this process referenced
    /// (packages and their dependencies, #r files), then a file of that name next to a #r'd assembly.
    /// </summary>
    static class ReferencedAssemblies
    {
        static readonly object gate = new();
        static readonly Dictionary<string, string> byName = new(StringComparer.OrdinalIgnoreCase);
        static readonly HashSet<string> folders = [];
        static bool hooked;

        public static void Add(string path)
        {
            lock (gate)
            {
                byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
                folders.Add(Path.GetDirectoryName(path)!);
                if (hooked) return;
                AssemblyLoadContext.Default.Resolving += Resolve;
                hooked = true;
            }
        }

        static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
        {
            string? path;
            lock (gate)
                path = byName.GetValueOrDefault(name.Name ?? "")
                    ?? folders.Select(f => Path.Combine(f, name.Name + ".dll")).FirstOrDefault(File.Exists);
            return path is null ? null : context.LoadFromAssemblyPath(path);
        }
    }

    static bool SameVersion(string requested, string resolved) =>
        NuGetVersionText(requested) == NuGetVersionText(resolved);

    /// <summary>"1.0" and "1.0.0" are the same NuGet version.</summary>
    static string NuGetVersionText(string version)
    {
        var (core, suffix) = version.IndexOf('-') is var dash and >= 0 ? (version[..dash], version[dash..]) : (version, "");
        var parts = core.Split('.').ToList();
        while (parts.Count < 3) parts.Add("0");
        while (parts.Count > 3 && parts[^1] == "0") parts.RemoveAt(parts.Count - 1);
        return string.Join('.', parts) + suffix.ToLowerInvariant();
    }

    /// <summary>Diagnostics as Polyglot shows them: <c>(line,column): error CSxxxx: message</c>, one per line.</summary>
    internal static string FormatDiagnostics(IEnumerable<Diagnostic> diagnostics) =>
        string.Join('\n', diagnostics.Select(d =>
        {
            var start = d.Location.GetLineSpan().StartLinePosition;
            var severity = d.Severity.ToString().ToLowerInvariant();
            return d.Location.IsInSource
                ? $"({start.Line + 1},{start.Character + 1}): {severity} {d.Id}: {d.GetMessage()}"
                : $"{severity} {d.Id}: {d.GetMessage()}";
        }));

    static int? LineOf(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.FirstOrDefault(d => d.Location.IsInSource)?.Location.GetLineSpan().StartLinePosition.Line + 1;

    static int? LineOf(string message) =>
        message.StartsWith('(') && int.TryParse(message[1..message.IndexOf(',')], out var line) ? line : null;

    static readonly Lazy<HashSet<string>> FrameworkAssemblyNames = new(() =>
        TrustedPlatformAssemblies().Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase)!);

    static IEnumerable<string> TrustedPlatformAssemblies()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var list = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator);
        return list.Where(p => p.Length > 0 && Path.GetDirectoryName(p) == frameworkDirectory);
    }

    /// <summary>Every assembly of the shared framework, as Polyglot's kernel references them all.</summary>
    static ImmutableArray<MetadataReference> FrameworkReferences() =>
        [.. TrustedPlatformAssemblies()
            .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.VisualBasic", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
}
