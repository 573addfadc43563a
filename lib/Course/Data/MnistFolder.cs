namespace Course.Data;

public static partial class Mnist
{
    /// <summary>
    /// Finds the repository's <c>data/mnist</c> folder: walks up from <paramref name="startDirectory"/>
    /// through its parents and returns the first <c>DIR/data/mnist</c> that exists.
    /// Without a start directory it tries, in order, the current directory, the folder this library was loaded
    /// from, and the source folder this library was compiled from (so notebooks, tests and builds whose output
    /// lives outside the repository, e.g. with COURSE_ARTIFACTS=/tmp/..., still find it).
    /// </summary>
    /// <param name="startDirectory">Where to start; null (default) for the three places above.</param>
    /// <returns>The full path of the <c>data/mnist</c> folder.</returns>
    /// <exception cref="IdxFileNotFoundException">No parent of any start holds <c>data/mnist</c>; the message lists where it looked.</exception>
    public static string FindDataFolder(string? startDirectory = null)
    {
        string? found = RepositoryFolder.Find(Path.Combine("data", "mnist"), startDirectory, out string[] starts);
        return found ?? throw new IdxFileNotFoundException(startDirectory ?? starts[0],
            $"No data/mnist folder found in {RepositoryFolder.Describe(starts)} "
            + "or any of their parents. The four MNIST files ship in the repository's data/mnist folder (a fresh clone has them): "
            + "run from inside the repository, or pass its path, e.g. Mnist.Load(\"/path/to/repo/data/mnist\").");
    }
}
