using Course.Tests.Shared;

namespace Course.Lessons.Tests;

/// <summary>Where the course lives: the repository's notebooks/ (the keys) and exercises/ (the student versions),
/// the library's project file, and the built `course` command.</summary>
public static class CourseFolders
{
    public static string Root => BrowserRender.RepositoryRoot;
    public static string Notebooks => Path.Combine(Root, "notebooks");
    public static string Exercises => Path.Combine(Root, "exercises");
    public static string LibraryProject => Path.Combine(Root, "lib", "Course", "Course.csproj");

    /// <summary>The notebooks that train on MNIST and therefore have a parameters cell with <c>epochs</c>.</summary>
    public static readonly string[] MnistNotebooks =
        ["03-momentum-from-scratch", "04-the-library-optimizer", "05-sgd-with-and-without-momentum", "06-nesterov-accelerated-gradient"];

    /// <summary>The recurrent language-model notebook, and the parameters that make CI's run of it short (one epoch, one seed,
    /// 30,000 tokens of the training text and 10,000 of the validation text).</summary>
    public static readonly string[] SequenceNotebooks = ["09-momentum-and-nesterov-on-sequences"];
    public static readonly string[] SequenceShortParameters =
        ["--param", "epochs=1", "--param", "seeds=1", "--param", "trainTokens=30000", "--param", "validationTokens=10000"];

    /// <summary>The key notebooks, in course order (file names without the extension).</summary>
    public static IReadOnlyList<string> NotebookNames() =>
        Directory.EnumerateFiles(Notebooks, "*.ipynb").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray()!;

    /// <summary>xunit data: one row per key notebook.</summary>
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in NotebookNames()) data.Add(name);
        return data;
    }

    /// <summary>Course.dll as this test run built it (copied next to the test assembly).</summary>
    public static string LibraryDll => Path.Combine(AppContext.BaseDirectory, "Course.dll");
}
