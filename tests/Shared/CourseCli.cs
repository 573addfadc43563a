using System.Diagnostics;

namespace Course.Tests.Shared;

/// <summary>What one run of the <c>course</c> command printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>stdout's non-empty lines, trimmed.</summary>
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs the built <c>course</c> command as a child process (<c>dotnet Course.Cli.dll ...</c>), as a user and CI do;
/// a process of its own also keeps the command's console use away from the other tests.
/// </summary>
public static class CourseCli
{
    /// <summary>How long a run may take unless the caller says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The command's assembly, built by each test project's reference to lib/Course.Cli into
    /// &lt;artifacts&gt;/bin/Course.Cli/&lt;config&gt;/, beside this test's &lt;artifacts&gt;/bin/&lt;test project&gt;/&lt;config&gt;/.
    /// </summary>
    /// <exception cref="FileNotFoundException">It was not built.</exception>
    public static string DllPath
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            string path = Path.Combine(testBin.Parent!.Parent!.FullName, "Course.Cli", testBin.Name, "Course.Cli.dll");
            return File.Exists(path) ? path
                : throw new FileNotFoundException($"the course command was not found at {path}: build lib/Course.Cli in the same configuration.", path);
        }
    }

    /// <summary>Runs <c>course args...</c> in the current directory.</summary>
    public static CliResult Run(params string[] args) => RunIn(Directory.GetCurrentDirectory(), DefaultTimeout, args);

    /// <summary>Runs <c>course args...</c> in <paramref name="workingDirectory"/>.</summary>
    public static CliResult RunIn(string workingDirectory, params string[] args) => RunIn(workingDirectory, DefaultTimeout, args);

    /// <summary>Runs <c>course args...</c> in <paramref name="workingDirectory"/>; past <paramref name="timeout"/> the process tree is killed.</summary>
    /// <exception cref="TimeoutException">The command did not finish in time.</exception>
    public static CliResult RunIn(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (string a in args) start.ArgumentList.Add(a);
        return RunProcess(start, timeout);
    }

    /// <summary>Runs a prepared process (its output redirected) to its end; past <paramref name="timeout"/> the process tree is killed.</summary>
    /// <exception cref="TimeoutException">The process did not finish in time.</exception>
    public static CliResult RunProcess(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds} s.");
        }
        return new CliResult(process.ExitCode, output.Result, error.Result);
    }
}
