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
        using var temp = new TempFolder();
        Directory.CreateDirectory(Path.Combine(temp.Path, "repo", "data", "mnist"));
        string deep = Directory.CreateDirectory(Path.Combine(temp.Path, "repo", "notebooks", "part1")).FullName;

        Assert.Equal(Path.Combine(temp.Path, "repo", "data", "mnist"), Mnist.FindDataFolder(deep));
    }

    [Fact]
    public void FindDataFolder_WithNoDataFolderAbove_ThrowsNamingTheStartAndHowToGetTheData()
    {
        using var temp = new TempFolder();
        if (Directory.Exists("/data/mnist") || Directory.Exists(Path.Combine(Path.GetTempPath(), "data", "mnist")))
            return; // the machine itself has a data/mnist above the temp folder: nothing to test here

        var e = Assert.Throws<IdxFileNotFoundException>(() => Mnist.FindDataFolder(temp.Path));
        Assert.Equal(temp.Path, e.FilePath);
        Assert.Contains(temp.Path, e.Message);
        Assert.Contains("data/mnist", e.Message);
        Assert.Contains("fresh clone", e.Message);
    }
}
