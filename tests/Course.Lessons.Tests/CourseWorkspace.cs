namespace Course.Lessons.Tests;

/// <summary>
/// A scratch copy of the repository layout the notebooks expect: a notebook folder, artifacts/bin/Course/release/Course.dll
/// (the library this test run built, so a stale build in the repository cannot be picked up), data/ (a link to the
/// repository's MNIST) and .config/dotnet-tools.json (the Jupyter kernelspec runs `dotnet interactive`, the local tool,
/// found from the notebook's folder upwards). Notebooks run here exactly as they would from the repository, and nothing in the repository is written.
/// </summary>
public sealed class CourseWorkspace : IDisposable
{
    readonly ScratchFolder _folder = new("course-lessons-");

    public string Root => _folder.Path;

    public CourseWorkspace()
    {
        var library = Path.Combine(Root, "artifacts", "bin", "Course", "release");
        Directory.CreateDirectory(library);
        File.Copy(CourseFolders.LibraryDll, Path.Combine(library, "Course.dll"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "data"), Path.Combine(CourseFolders.Root, "data"));
        Directory.CreateDirectory(Path.Combine(Root, ".config"));
        File.Copy(Path.Combine(CourseFolders.Root, ".config", "dotnet-tools.json"), Path.Combine(Root, ".config", "dotnet-tools.json"));
    }

    /// <summary>Copies every .ipynb of <paramref name="source"/> into the folder <paramref name="name"/> of the workspace.</summary>
    public string CopyNotebooks(string source, string name)
    {
        var target = Path.Combine(Root, name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*.ipynb"))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    /// <summary>Runs `course run` here on the named notebooks of a folder, writing the executed copies to <paramref name="outFolder"/>.</summary>
    public CliResult Run(string folder, IEnumerable<string> names, string outFolder, params string[] options) =>
        CourseCli.RunIn(Root, TimeSpan.FromMinutes(10),
            [.. "run".Split(' '), .. names.Select(n => Path.Combine(folder, n + ".ipynb")), "--out", outFolder, .. options]);

    public void Dispose() => _folder.Dispose(); // best effort: a kernel process may still be closing
}
