using Course.Grading;

namespace Course.Grading.Tests;

/// <summary>Where the corpus and the checking library are, and grading options that use them.</summary>
internal static class TestPaths
{
    /// <summary>The Corpus folder copied next to the tests.</summary>
    public static string Corpus => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static string Key => Path.Combine(Corpus, "key.dib");

    public static string Submission(string name) => Path.Combine(Corpus, "submissions", name);

    /// <summary>The course command, built by the project reference (not copied here):
    /// artifacts/bin/Course.Cli/&lt;config&gt;/Course.Cli.dll, next to this project's output folder.</summary>
    public static string CourseCli
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(output.Parent!.Parent!.FullName, "Course.Cli", output.Name, "Course.Cli.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"the course command was not built at {path}", path);
        }
    }

    /// <summary>The Course.dll these tests load (the checking API).</summary>
    public static string ChecksAssembly => typeof(Course.Checks.Check).Assembly.Location;

    public static GradeOptions Options(double timeoutSeconds = 60, bool noSandbox = false, double budgetSeconds = 600) =>
        new(TimeSpan.FromSeconds(timeoutSeconds), ChecksAssembly, TimeSpan.FromSeconds(budgetSeconds), NoSandbox: noSandbox);
}
