namespace Course.Tests.Shared;

/// <summary>
/// A fresh folder under the system temp folder, deleted on Dispose (best effort: a child process may still hold a
/// file). Tests write and corrupt files here, never in the repository.
/// </summary>
public sealed class ScratchFolder : IDisposable
{
    /// <param name="prefix">Starts the folder's name, so that a leftover folder says which tests made it.</param>
    public ScratchFolder(string prefix = "course-tests-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> inside the folder (it need not exist).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="content"/> to <paramref name="name"/> and returns its full path.</summary>
    public string Write(string name, byte[] content)
    {
        System.IO.File.WriteAllBytes(File(name), content);
        return File(name);
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> and returns its full path.</summary>
    public string Write(string name, string text)
    {
        System.IO.File.WriteAllText(File(name), text);
        return File(name);
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
