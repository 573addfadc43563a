namespace Course.Notebooks.Hosting;

/// <summary>
/// The entry point of the kernel process: <c>dotnet Course.Notebooks.dll</c> serves one notebook's cells over
/// <see cref="KernelMessage"/> (see <see cref="KernelHost"/>). Started by <see cref="NotebookRunner"/>, not by people.
/// </summary>
public static class KernelHostProgram
{
    public static Task<int> Main(string[] args) => args.Length == 0
        ? KernelHost.RunAsync()
        : Task.FromResult(Fail(args[0]));

    static int Fail(string argument)
    {
        Console.Error.WriteLine($"Course.Notebooks kernel host: unexpected argument '{argument}'; it takes none (it is started by `course run`).");
        return 2;
    }
}
