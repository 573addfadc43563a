using System.Runtime.CompilerServices;

namespace Course.Data;

/// <summary>Finds a folder of the repository, such as data/mnist, by walking up from where the code runs.</summary>
internal static class RepositoryFolder
{
    /// <summary>
    /// Walks up from each start through its parents and returns the first <c>DIR/relative</c> that exists, or null.
    /// Without a start directory it tries, in order, the current directory, the folder this library was loaded from,
    /// and the source folder this library was compiled from (so builds whose output lives outside the repository,
    /// e.g. with COURSE_ARTIFACTS=/tmp/..., still find it). <paramref name="starts"/> says where it looked.
    /// </summary>
    public static string? Find(string relative, string? startDirectory, out string[] starts)
    {
        starts = startDirectory is not null
            ? [startDirectory]
            : [Directory.GetCurrentDirectory(), Path.GetDirectoryName(typeof(RepositoryFolder).Assembly.Location) ?? AppContext.BaseDirectory, SourceFolder()];
        starts = starts.Where(s => s.Length > 0).ToArray();
        foreach (string start in starts)
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relative);
                if (Directory.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>"'a' or 'b'": the places a search looked, for its error message.</summary>
    public static string Describe(string[] starts) => string.Join(" or ", starts.Select(s => $"'{Path.GetFullPath(s)}'"));

    static string SourceFolder([CallerFilePath] string sourceFile = "") => Path.GetDirectoryName(sourceFile) ?? "";
}
