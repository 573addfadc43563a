using Course.Data;

namespace Course.Data.Tests;

public class FindDataFolderTests
{
    [Fact]
    public void FindDataFolder_Default_FindsTheFolderWithTheFourMnistFiles()
    {
        string folder = Mnist.FindDataFolder();
        Assert.Equal("mnist", Path.GetFileName(folder));
        Assert.Equal("data", Path.GetFileName(Path.GetDirectoryName(folder)));
        foreach (string name in Mnist.CanonicalSha256.Keys)
            Assert.True(File.Exists(Path.Combine(folder, name + ".gz")), $"{name}.gz missing in {folder}");
    }

    [Fact]
    public void FindDataFolder_FromADeepSubfolder_ReturnsTheNearestAncestorsDataMnist()
    {
        using var temp = new ScratchFolder("course-data-tests-");
        Directory.CreateDirectory(Path.Combine(temp.Path, "repo", "data", "mnist"));
        string deep = Directory.CreateDirectory(Path.Combine(temp.Path, "repo", "notebooks", "part1")).FullName;

        Assert.Equal(Path.Combine(temp.Path, "repo", "data", "mnist"), Mnist.FindDataFolder(deep));
    }

    [FactUnlessTempHasDataAbove]
    public void FindDataFolder_WithNoDataFolderAbove_ThrowsNamingTheStartAndHowToGetTheData()
    {
        using var temp = new ScratchFolder("course-data-tests-");

        var e = Assert.Throws<IdxFileNotFoundException>(() => Mnist.FindDataFolder(temp.Path));
        Assert.Equal(temp.Path, e.FilePath);
        Assert.Contains(temp.Path, e.Message);
        Assert.Contains("data/mnist", e.Message);
        Assert.Contains("fresh clone", e.Message);
    }
}

/// <summary>
/// A fact that is skipped, saying why, when the machine itself has a data/mnist in the temp folder or above it:
/// there the search from a scratch folder rightly finds it, and the "nothing found" error cannot be produced.
/// </summary>
public sealed class FactUnlessTempHasDataAboveAttribute : FactAttribute
{
    public FactUnlessTempHasDataAboveAttribute()
    {
        for (var dir = new DirectoryInfo(Path.GetTempPath()); dir is not null; dir = dir.Parent)
        {
            string found = Path.Combine(dir.FullName, "data", "mnist");
            if (!Directory.Exists(found)) continue;
            Skip = $"{found} exists above the temp folder, so every scratch folder has a data/mnist above it.";
            return;
        }
    }
}
