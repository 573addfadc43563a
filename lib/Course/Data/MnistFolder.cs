using System.Runtime.CompilerServices;

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
        string[] starts = startDirectory is not null
            ? [startDirectory]
            : [Directory.GetCurrentDirectory(), Path.GetDirectoryName(typeof(Mnist).Assembly.Location) ?? AppContext.BaseDirectory, SourceFolder()];
        foreach (string start in starts.Where(s => s.Length > 0))
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data", "mnist");
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        throw new IdxFileNotFoundException(starts[0],
            $"No data/mnist folder found in {string.Join(" or ", starts.Where(s => s.Length > 0).Select(s => $"'{Path.GetFullPath(s)}'"))} "
            + "or any of their parents. The four MNIST files ship in the repository's data/mnist folder (a fresh clone has them): "
            + "run from inside the repository, or pass its path, e.g. Mnist.Load(\"/path/to/repo/data/mnist\").");
    }

    /// <summary>The folder of this source file when the library was compiled (inside the repository).</summary>
    static string SourceFolder([CallerFilePath] string sourceFile = "") => Path.GetDirectoryName(sourceFile) ?? "";
}
