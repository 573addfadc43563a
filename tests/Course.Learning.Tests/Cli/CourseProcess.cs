using System.Diagnostics;

namespace Course.Learning.Tests.Cli;

/// <summary>
/// Runs the built <c>course</c> command as a child process, as a user does, and captures its exit code and output
/// (a process of its own also keeps the command's console use away from the other tests).
/// </summary>
internal static class CourseProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The CLI's entry assembly, next to this test's output: bin/Course.Cli/&lt;config&gt;/.</summary>
    static string CliAssembly()
    {
        var testFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string cliFolder = Path.Combine(testFolder.Parent!.Parent!.FullName, "Course.Cli", testFolder.Name);
        var config = Directory.Exists(cliFolder)
            ? Directory.GetFiles(cliFolder, "*.runtimeconfig.json")
                .Where(f => !Path.GetFileName(f).StartsWith("Course.Notebooks", StringComparison.Ordinal))
                .OrderByDescending(File.GetLastWriteTimeUtc)   // the newest build, if an older assembly name lingers
                .FirstOrDefault()
            : null;
        Assert.True(config is not null, $"the course CLI was not found in '{cliFolder}' (build lib/Course.Cli first)");
        return config![..^".runtimeconfig.json".Length] + ".dll";
    }

    public static Outcome Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(CliAssembly());
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"course {string.Join(' ', args)} did not finish in 5 minutes");
        return new Outcome(process.ExitCode, output, error.Result);
    }
}
