using System.IO.Compression;
using Course.Notebooks.Documents;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Tests.Engine;

/// <summary>
/// <c>#r "nuget: ..."</c> through the real kernel's NuGet directive, restored against the feed, in kernel processes as
/// <c>course run</c> runs them: transitive dependencies, version conflicts, unknown packages, a local feed (<c>#i</c>),
/// a package's native library (e_sqlite3) and a package's kernel extension (<c>interactive-extensions/dotnet</c>).
/// </summary>
[Trait("Category", "Slow")]   // real NuGet restores
public sealed class NuGetTests
{
    const string Tokenizers = "#r \"nuget: Microsoft.ML.Tokenizers, 2.0.1\"";

    static string Html(CellOutput output) => Assert.IsType<DisplayOutput>(output).Data.GetValueOrDefault("text/html") ?? "";

    static string Text(CellOutput output) => Assert.IsType<DisplayOutput>(output).Data["text/plain"];

    [Fact]
    public async Task NuGetReference_LoadsPackageAndTransitiveDependencies_AndSaysWhatItInstalled()
    {
        using var scratch = new ScratchFolder();
        // The transitive Google.Protobuf is compiled against and loaded as well as the package itself.
        var run = await FolderRun.RunAsync(scratch.Path,
            Tokenizers + "\nvar bytes = Google.Protobuf.ByteString.CopyFromUtf8(\"momentum\");\n"
            + "$\"{typeof(Microsoft.ML.Tokenizers.Tokenizer).Assembly.GetName().Name} {bytes.Length}\"");

        Assert.Null(run[0].ErrorText);
        Assert.Contains(run[0].Outputs, o => Html(o).Contains("Installed Packages") && Html(o).Contains("Microsoft.ML.Tokenizers, 2.0.1"));
        Assert.Equal("Microsoft.ML.Tokenizers 8", Text(run[0].Outputs[^1]));
    }

    [Fact]
    public async Task NuGetReference_OtherVersionOfLoadedPackage_FailsNamingBothVersions()
    {
        using var scratch = new ScratchFolder();
        var run = await FolderRun.RunAsync(scratch.Path, Tokenizers, Tokenizers, "#r \"nuget: Microsoft.ML.Tokenizers, 1.0.0\"");

        Assert.Equal(CellStatus.Ok, run[0].Status);
        Assert.Equal(CellStatus.Ok, run[1].Status);
        Assert.Equal(CellStatus.Error, run[2].Status);
        Assert.Contains("Microsoft.ML.Tokenizers version 1.0.0 cannot be added because version 2.0.1 was added previously.", run[2].ErrorText);
    }

    [Fact]
    public async Task NuGetReference_UnknownPackage_FailsNamingIt()
    {
        using var scratch = new ScratchFolder();
        var run = await FolderRun.RunAsync(scratch.Path, "#r \"nuget: Course.No.Such.Package, 1.0.0\"");
        Assert.Equal(CellStatus.Error, run[0].Status);
        Assert.Contains("Course.No.Such.Package", run[0].ErrorText);
    }

    [Fact]
    public async Task NuGetSource_AFolder_IsAFeedForTheNextReference()
    {
        // A package made here, with a version no earlier run has put in the global packages folder, so only this feed has it.
        using var scratch = new ScratchFolder();
        var version = LocalPackage.NewVersion();
        File.WriteAllText(scratch.File("LocalGreeter.cs"), "public static class LocalGreeter { public static string Hi() => \"hi from the local feed\"; }");
        EngineCorpus.BuildLibrary(scratch.File("LocalGreeter.cs"), scratch.File("Course.LocalGreeter.dll"));
        LocalPackage.Write(scratch.File("feed"), "Course.LocalGreeter", version, ("lib/net8.0/Course.LocalGreeter.dll", scratch.File("Course.LocalGreeter.dll")));

        var run = await FolderRun.RunAsync(scratch.Path, $"#i \"nuget: {scratch.File("feed")}\"\n#r \"nuget: Course.LocalGreeter, {version}\"\nLocalGreeter.Hi()");

        Assert.Null(run[0].ErrorText);
        Assert.Equal("hi from the local feed", Text(run[0].Outputs[^1]));
    }

    [Fact]
    public async Task NuGetReference_PackageWithANativeLibrary_LoadsIt()
    {
        // Microsoft.Data.Sqlite brings e_sqlite3 as a native asset (runtimes/linux-x64/native/libe_sqlite3.so).
        using var scratch = new ScratchFolder();
        var run = await FolderRun.RunAsync(scratch.Path, """
            #r "nuget: Microsoft.Data.Sqlite, 10.0.0"
            var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
            connection.Open();
            var command = connection.CreateCommand();
            command.CommandText = "select 6 * 7";
            $"sqlite says {command.ExecuteScalar()}"
            """);

        Assert.Null(run[0].ErrorText);
        Assert.Equal("sqlite says 42", Text(run[0].Outputs[^1]));
    }

    [Fact]
    public async Task NuGetReference_PackageWithAKernelExtension_LoadsTheExtension()
    {
        // lib/net8.0/Course.Greeting.dll holds a type; interactive-extensions/dotnet/Course.Greeting.Extension.dll an
        // IKernelExtension that registers an HTML formatter for it. Displaying a Greeting shows the extension's HTML.
        using var scratch = new ScratchFolder();
        var version = LocalPackage.NewVersion();
        File.WriteAllText(scratch.File("Greeting.cs"), "public sealed record Greeting(string Text);");
        File.WriteAllText(scratch.File("Extension.cs"), """
            using System.Threading.Tasks;
            using Microsoft.DotNet.Interactive;
            using Microsoft.DotNet.Interactive.Formatting;
            public sealed class GreetingExtension : IKernelExtension
            {
                public Task OnLoadAsync(Kernel kernel)
                {
                    Formatter.Register<Greeting>((greeting, writer) => writer.Write($"<b>greeted: {greeting.Text}</b>"), "text/html");
                    return Task.CompletedTask;
                }
            }
            """);
        EngineCorpus.BuildLibrary(scratch.File("Greeting.cs"), scratch.File("Course.Greeting.dll"));
        EngineCorpus.BuildLibrary(scratch.File("Extension.cs"), scratch.File("Course.Greeting.Extension.dll"),
            [scratch.File("Course.Greeting.dll"), .. EngineCorpus.FrameworkAndKernelAssemblies()]);
        LocalPackage.Write(scratch.File("feed"), "Course.Greeting", version,
            ("lib/net8.0/Course.Greeting.dll", scratch.File("Course.Greeting.dll")),
            ("interactive-extensions/dotnet/Course.Greeting.Extension.dll", scratch.File("Course.Greeting.Extension.dll")));

        var run = await FolderRun.RunAsync(scratch.Path, $"#i \"nuget: {scratch.File("feed")}\"\n#r \"nuget: Course.Greeting, {version}\"", "new Greeting(\"momentum\")");

        Assert.Null(run[0].ErrorText);
        Assert.Null(run[1].ErrorText);
        Assert.Equal("<b>greeted: momentum</b>", Html(Assert.Single(run[1].Outputs)));
    }
}

/// <summary>A .nupkg written by hand into a folder feed.</summary>
internal static class LocalPackage
{
    public static string NewVersion() => $"1.0.0-run{DateTime.UtcNow:yyyyMMddHHmmssfff}{Random.Shared.Next(1000):000}";

    public static void Write(string feed, string id, string version, params (string Entry, string File)[] files)
    {
        Directory.CreateDirectory(feed);
        using var zip = ZipFile.Open(Path.Combine(feed, $"{id}.{version}.nupkg"), ZipArchiveMode.Create);
        foreach (var (entry, file) in files) zip.CreateEntryFromFile(file, entry);
        using var nuspec = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open());
        nuspec.Write($"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata><id>{id}</id><version>{version}</version><authors>tests</authors><description>test package</description></metadata>
            </package>
            """);
    }
}
