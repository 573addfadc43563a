using System.Diagnostics;

namespace Course.Tests.Shared;

/// <summary>
/// Runs notebooks the Jupyter way: Debian's nbclient (scripts/nbclient-run.py, by /usr/bin/python3) on the real
/// .NET Interactive kernel, the pinned tool of .config/dotnet-tools.json, registered as the `.NET (C#)` kernel in a
/// temporary Jupyter data dir (so the machine's own Jupyter set-up is neither used nor changed).
/// Needs python3-nbclient and the restored tool: scripts/install-test-deps.sh.
/// </summary>
public static class Nbclient
{
    private const string InstallHint = "Run scripts/install-test-deps.sh (as root): it installs Debian's python3-nbclient and restores the pinned dotnet-interactive tool.";
    private static readonly Lazy<string> KernelDataDir = new(InstallKernel);

    /// <summary>Debian's python, which has the python3-nbclient package (the python3 first on PATH may be another one).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>The kernel name the notebooks' metadata asks for.</summary>
    public const string KernelName = ".net-csharp";

    /// <summary>scripts/nbclient-run.py.</summary>
    public static string Runner => Path.Combine(BrowserRender.RepositoryRoot, "scripts", "nbclient-run.py");

    /// <summary>The temporary Jupyter data dir holding kernels/.net-csharp, installed once per test process by
    /// <c>dotnet tool run dotnet-interactive jupyter install --path DIR/kernels</c>, the command README gives students
    /// (there without --path).</summary>
    public static string DataDir => KernelDataDir.Value;

    /// <summary>Executes <paramref name="notebook"/> into <paramref name="output"/> (the source is never written).
    /// The kernel starts in the notebook's folder, which must be inside a folder with .config/dotnet-tools.json
    /// (the kernelspec runs `dotnet interactive`, the local tool).</summary>
    /// <param name="notebook">The .ipynb to run.</param>
    /// <param name="output">Where the executed copy goes.</param>
    /// <param name="timeout">For the whole run; the process tree is killed past it.</param>
    /// <param name="parameters">name=value pairs for the notebook's parameters cell.</param>
    /// <exception cref="TimeoutException">The run did not finish in time.</exception>
    public static CliResult Run(string notebook, string output, TimeSpan timeout, params string[] parameters) =>
        Run(notebook, output, timeout, [], parameters);

    /// <summary>As <see cref="Run(string, string, TimeSpan, string[])"/>, with options for scripts/nbclient-run.py
    /// (such as <c>--timeout 8</c> for a cell, or <c>--attempts 1</c>).</summary>
    public static CliResult Run(string notebook, string output, TimeSpan timeout, IEnumerable<string> runnerOptions, params string[] parameters)
    {
        var args = new List<string> { Runner, notebook, output, "--kernel", KernelName };
        args.AddRange(runnerOptions);
        foreach (var p in parameters) args.AddRange(["--param", p]);
        return Execute(Python, args, Path.GetDirectoryName(Path.GetFullPath(notebook))!, timeout, DataDir);
    }

    private static string InstallKernel()
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} was not found. {InstallHint}");
        var probe = Execute(Python, ["-c", "import nbclient, nbformat, jupyter_client"], BrowserRender.RepositoryRoot, TimeSpan.FromMinutes(1));
        if (probe.ExitCode != 0)
            throw new InvalidOperationException($"{Python} cannot import nbclient: {probe.Error.Trim()} {InstallHint}");
        string dir = Path.Combine(Path.GetTempPath(), "course-jupyter-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "kernels")); // --path must exist
        var install = Execute("dotnet", ["tool", "run", "dotnet-interactive", "--", "jupyter", "install", "--path", Path.Combine(dir, "kernels")],
                              BrowserRender.RepositoryRoot, TimeSpan.FromMinutes(5));
        if (install.ExitCode != 0 || !File.Exists(Path.Combine(dir, "kernels", KernelName, "kernel.json")))
            throw new InvalidOperationException($"dotnet-interactive jupyter install did not install {KernelName} into {dir}: {install}\n{InstallHint}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, recursive: true); } catch (IOException) { } };
        return dir;
    }

    private static CliResult Execute(string program, IEnumerable<string> args, string workingDirectory, TimeSpan timeout, string? jupyterDataDir = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        if (jupyterDataDir is not null) start.Environment["JUPYTER_DATA_DIR"] = jupyterDataDir;
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return CourseCli.RunProcess(start, timeout);
    }
}
