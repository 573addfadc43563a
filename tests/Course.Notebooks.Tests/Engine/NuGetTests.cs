using System.IO.Compression;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Tests.Engine;

/// <summary>A restore cache of its own (fresh per test run), shared by the NuGet tests.</summary>
public sealed class FreshRestoreCache : IDisposable
{
    readonly ScratchFolder folder = new();

    public string Root => folder.Path;

    public void Dispose() => folder.Dispose();
}

/// <summary>
/// <c>#r "nuget: ..."</c> through a real <c>dotnet restore</c> against the feed: Microsoft.ML.Tokenizers 2.0.1
/// brings Google.Protobuf as a transitive dependency.
/// </summary>
[Collection(InProcessKernels.Name)]
[Trait("Category", "Slow")]   // real NuGet restores
public sealed class NuGetTests(FreshRestoreCache cache) : IClassFixture<FreshRestoreCache>
{
    const string Tokenizers = "#r \"nuget: Microsoft.ML.Tokenizers, 2.0.1\"";

    [Fact]
    public async Task NuGetReference_LoadsPackageAndTransitiveDependencies_AndSecondRunRestoresNothing()
    {
        var restorer = new NuGetRestorer(cache.Root);
        var session = new KernelSession(restorer: restorer);
        // The transitive Google.Protobuf is compiled against and loaded as well as the package itself.
        var (outcome, outputs) = await session.RunAsync(
            "var x = 1;\n" + Tokenizers + "\nvar bytes = Google.Protobuf.ByteString.CopyFromUtf8(\"momentum\");\n"
            + "$\"{typeof(Microsoft.ML.Tokenizers.Tokenizer).Assembly.GetName().Name} {bytes.Length}\"");
        Assert.Null(outcome.ErrorText);
        Assert.Equal(2, outputs.Count);
        Assert.Equal(
            "<div><div></div><div></div><div><strong>Installed Packages</strong><ul><li><span>Microsoft.ML.Tokenizers, 2.0.1</span></li></ul></div></div>",
            Assert.IsType<DisplayedOutput>(outputs[0]).Data["text/html"]);
        Assert.Equal("Microsoft.ML.Tokenizers 8", Assert.IsType<DisplayedOutput>(outputs[1]).Data["text/plain"]);
        Assert.Equal("2.0.1", session.Kernel.Packages["Microsoft.ML.Tokenizers"]);
        Assert.True(session.Kernel.Packages.ContainsKey("Google.Protobuf"));

        var first = restorer.Restore([new PackageRequest("Microsoft.ML.Tokenizers", "2.0.1")], []);
        var restoredAt = File.GetLastWriteTimeUtc(first.AssetsPath);
        var again = restorer.Restore([new PackageRequest("Microsoft.ML.Tokenizers", "2.0.1")], []);
        Assert.False(again.RanRestore);
        Assert.Equal(first.AssetsPath, again.AssetsPath);
        Assert.Equal(restoredAt, File.GetLastWriteTimeUtc(again.AssetsPath));
        Assert.Contains(again.RuntimeAssemblies, a => Path.GetFileName(a) == "Google.Protobuf.dll");
    }

    [Fact]
    public async Task NuGetReference_OtherVersionOfLoadedPackage_FailsWithPolyglotsMessage()
    {
        var session = new KernelSession(restorer: new NuGetRestorer(cache.Root));
        Assert.Null((await session.RunAsync(Tokenizers)).Outcome.ErrorText);
        var (same, _) = await session.RunAsync("#r \"nuget: Microsoft.ML.Tokenizers, 2.0.1\"");
        var (other, _) = await session.RunAsync("\n#r \"nuget: Microsoft.ML.Tokenizers, 1.0.0\"");

        Assert.Equal(CellStatus.Ok, same.Status);
        Assert.Equal(CellStatus.Error, other.Status);
        Assert.Equal("Microsoft.ML.Tokenizers version 1.0.0 cannot be added because version 2.0.1 was added previously.", other.ErrorText);
        Assert.Equal(2, other.ErrorLine);
    }

    [Fact]
    public async Task NuGetReference_UnknownPackage_ReportsRestoreErrorNamingIt()
    {
        var session = new KernelSession(restorer: new NuGetRestorer(cache.Root));
        var (outcome, _) = await session.RunAsync("#r \"nuget: Course.No.Such.Package, 1.0.0\"");
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.Contains("error NU1101: Unable to find package Course.No.Such.Package", outcome.ErrorText);
        Assert.Equal(1, outcome.ErrorLine);
    }

    [Fact]
    public async Task NuGetReference_UnknownVersion_ReportsRestoreErrorNamingPackageAndVersion()
    {
        var session = new KernelSession(restorer: new NuGetRestorer(cache.Root));
        var (outcome, _) = await session.RunAsync("#r \"nuget: Microsoft.ML.Tokenizers, 99.0.0\"");
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.Contains("error NU1102: Unable to find package Microsoft.ML.Tokenizers with version (>= 99.0.0)", outcome.ErrorText);
    }

    [Fact]
    public async Task NuGetSource_RelativeFolder_IsAFeedForTheNextReference()
    {
        // A package made here: lib/net8.0/Course.LocalGreeter.dll in a .nupkg, in a folder next to the "notebook",
        // with a version no earlier run has put in the global packages folder, so only this feed can provide it.
        var version = $"1.0.0-run{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        using var scratch = new ScratchFolder();
        Directory.CreateDirectory(scratch.File("feed"));
        File.WriteAllText(scratch.File("LocalGreeter.cs"), "public static class LocalGreeter { public static string Hi() => \"hi from the local feed\"; }");
        EngineCorpus.BuildLibrary(scratch.File("LocalGreeter.cs"), scratch.File("Course.LocalGreeter.dll"));
        using (var zip = System.IO.Compression.ZipFile.Open(scratch.File($"feed/Course.LocalGreeter.{version}.nupkg"), System.IO.Compression.ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(scratch.File("Course.LocalGreeter.dll"), "lib/net8.0/Course.LocalGreeter.dll");
            using var nuspec = new StreamWriter(zip.CreateEntry("Course.LocalGreeter.nuspec").Open());
            nuspec.Write($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata><id>Course.LocalGreeter</id><version>{version}</version><authors>tests</authors><description>test package</description></metadata>
                </package>
                """);
        }
        // A cache of its own: the package id is the same in every run, but the feed folder is new.
        using var restoreCache = new ScratchFolder();
        var session = new KernelSession(scratch.Path, new NuGetRestorer(restoreCache.Path));

        var (outcome, outputs) = await session.RunAsync($"#i \"nuget: feed\"\n#r \"nuget: Course.LocalGreeter, {version}\"\nLocalGreeter.Hi()");

        Assert.Null(outcome.ErrorText);
        Assert.Equal("hi from the local feed", Assert.IsType<DisplayedOutput>(outputs[^1]).Data["text/plain"]);
    }

    [Fact]
    public async Task NuGetReference_WithoutVersionOrWithStarDashStar_ResolvesFromTheFeed()
    {
        var session = new KernelSession(restorer: new NuGetRestorer(cache.Root));
        var (outcome, _) = await session.RunAsync("#r \"nuget: Google.Protobuf\"\n#r \"nuget: Microsoft.ML.Tokenizers, *-*\"\ntypeof(Google.Protobuf.ByteString).Name");
        Assert.Null(outcome.ErrorText);
        Assert.Matches(@"^\d+\.\d+\.\d+", session.Kernel.Packages["Google.Protobuf"]);
        Assert.Matches(@"^\d+\.\d+\.\d+", session.Kernel.Packages["Microsoft.ML.Tokenizers"]);
    }

    [Fact]
    public async Task Restore_SameSetFromTwoRestorersAtOnce_RunsOnceAndBothGetTheAssemblies()
    {
        using var sharedCache = new ScratchFolder();
        PackageRequest[] set = [new("Microsoft.ML.Tokenizers", "2.0.1")];
        var results = await Task.WhenAll(
            Task.Run(() => new NuGetRestorer(sharedCache.Path).Restore(set, [])),
            Task.Run(() => new NuGetRestorer(sharedCache.Path).Restore(set, [])));

        Assert.Equal(1, results.Count(r => r.RanRestore));
        Assert.All(results, r => Assert.Contains(r.RuntimeAssemblies, a => Path.GetFileName(a) == "Microsoft.ML.Tokenizers.dll"));
    }
}
