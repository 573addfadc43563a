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
        Assert.Equal("Microsoft.ML.Tokenizers 8", Assert.IsType<DisplayedOutput>(Assert.Single(outputs)).Data["text/plain"]);
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
}
