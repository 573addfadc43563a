using System.Diagnostics;
using System.Globalization;

namespace Course.Grading;

/// <summary>The limits of one sandboxed kernel.</summary>
/// <param name="Deadline">When the submission's time budget ends: a kernel still running then is killed, and none starts after.</param>
/// <param name="CpuSeconds">CPU seconds one kernel process may use (RLIMIT_CPU).</param>
/// <param name="OutputBytes">Bytes one kernel may send to the grader before it is killed.</param>
/// <param name="TempBytes">Size of the private writable /tmp.</param>
/// <param name="FileBytes">Largest file a kernel may write (RLIMIT_FSIZE).</param>
/// <param name="HeapBytes">GC heap limit of the kernel (DOTNET_GCHeapHardLimit), or null.</param>
public sealed record SandboxLimits(DateTime Deadline, int CpuSeconds = 900, long OutputBytes = 64L << 20, long TempBytes = 256L << 20,
    long FileBytes = 64L << 20, long? HeapBytes = 2L << 30);

/// <summary>
/// Runs a kernel process in Debian's bubblewrap (<c>bwrap</c>): its own user, pid, network, IPC and UTS namespaces
/// (so no <c>/proc</c> of the grader and no network), a read-only view of <c>/usr</c> and of the folders it needs (the
/// engine, the course library, NuGet's packages, the submission's private copy), a private size-limited <c>/tmp</c>,
/// an environment of its own (nothing of the grader's), CPU, file-size and output limits, and the submission's
/// deadline. When its first process ends, the kernel of the pid namespace kills every other process in it, so
/// nothing a submission starts (a <c>setsid</c> child included) outlives its kernel.
/// </summary>
public static class Sandbox
{
    /// <summary>Why bubblewrap cannot run here (not installed, no user namespaces), or null when it can.</summary>
    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux()) return "the sandbox needs Linux (bubblewrap)";
        if (Which("bwrap") is null) return "bubblewrap (bwrap) is not installed; install the Debian package 'bubblewrap' (scripts/install-test-deps.sh does)";
        try
        {
            var start = new ProcessStartInfo("bwrap", ["--unshare-user", "--unshare-pid", "--unshare-net", "--ro-bind", "/usr", "/usr",
                .. TopLevel(), "--proc", "/proc", "--", "/bin/sh", "-c", "exit 0"])
            { RedirectStandardError = true, RedirectStandardOutput = true };
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(20_000)) { process.Kill(true); return "bubblewrap did not start a sandbox within 20 s"; }
            return process.ExitCode == 0 ? null
                : $"bubblewrap cannot create a sandbox here ({error.Trim()}); user namespaces may be disabled (sysctl kernel.unprivileged_userns_clone)";
        }
        catch (System.ComponentModel.Win32Exception e) { return "bubblewrap could not be started: " + e.Message; }
    }

    /// <summary>The command that starts <paramref name="host"/> in a sandbox whose working directory is <paramref name="workDirectory"/>.</summary>
    /// <param name="host">The kernel process command (the dotnet executable and its arguments).</param>
    /// <param name="workDirectory">The submission's private copy folder (read-only inside).</param>
    /// <param name="readOnly">Files and folders the kernel may read, seen at the same path inside.</param>
    /// <param name="hidden">Folders that must stay out of sight even when inside a folder of <paramref name="readOnly"/> (the key's, the gradebook's, other submissions').</param>
    /// <param name="limits">The limits.</param>
    public static (string File, string[] Arguments) Command((string File, string[] Arguments) host, string workDirectory,
        IEnumerable<string> readOnly, IEnumerable<string> hidden, SandboxLimits limits)
    {
        var args = new List<string>
        {
            "--unshare-user", "--uid", "65534", "--gid", "65534",
            "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            // No --die-with-parent: its signal follows the thread that started bwrap, and .NET retires pool threads.
            // The kernel ends when its stdin closes (the grader is done or died), and with it the namespace.
            "--new-session", "--hostname", "sandbox",
            "--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev",
            "--size", limits.TempBytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", "/tmp",
        };
        args.AddRange(TopLevel());
        // Outer folders first, so that a hidden folder inside a readable one covers it, and a readable folder inside
        // a hidden one (the engine under a folder of submissions) shows through.
        var mounts = readOnly.Append(workDirectory).Select(Path.GetFullPath).Distinct()
            .Where(p => (File.Exists(p) || Directory.Exists(p)) && !p.StartsWith("/usr/", StringComparison.Ordinal))
            .Select(p => (Path: p, Hide: false))
            .Concat(hidden.Select(Path.GetFullPath).Distinct().Where(Directory.Exists).Select(p => (Path: p, Hide: true)))
            .OrderBy(m => m.Path.TrimEnd('/').Count(c => c == '/')).ThenBy(m => m.Hide);
        foreach (var (path, hide) in mounts)
            args.AddRange(hide ? ["--tmpfs", path] : ["--ro-bind", path, path]);
        args.AddRange(["--chdir", workDirectory, "--clearenv"]);
        void Env(string name, string value) => args.AddRange(["--setenv", name, value]);
        Env("PATH", "/usr/local/bin:/usr/bin:/bin");
        Env("HOME", "/tmp/home");
        Env("TMPDIR", "/tmp");
        Env("DOTNET_CLI_HOME", "/tmp/home");
        Env("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
        Env("DOTNET_NOLOGO", "1");
        Env("DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "1");
        Env("LANG", "C.UTF-8");
        Env("NUGET_PACKAGES", NuGetPackages);
        Env("COURSE_NUGET_CACHE", RestoreCache);
        if (limits.HeapBytes is long heap) Env("DOTNET_GCHeapHardLimit", heap.ToString("X", CultureInfo.InvariantCulture));

        // Inside: the limits, the deadline, and an output cap; when the cap is reached or the kernel ends, kill -9 -1
        // ends every process of the pid namespace but its init (timeout puts the kernel in a process group of its own,
        // and a setsid child leaves ours), and bubblewrap's init, left without children, ends the namespace.
        // CPU: SIGXCPU at the soft limit (the kernel dies with 152, which is reported), SIGKILL 5 s later.
        long deadline = new DateTimeOffset(limits.Deadline.ToUniversalTime()).ToUnixTimeSeconds();
        var script = $"mkdir -p /tmp/home; ulimit -c 0; ulimit -S -t {limits.CpuSeconds}; ulimit -H -t {limits.CpuSeconds + 5}; ulimit -f {limits.FileBytes / 512}; "
            + $"left=$(( {deadline} - $(date +%s) )); "
            + "if [ \"$left\" -le 0 ]; then echo 'the submission used up its time budget (--budget)' >&2; exit 124; fi; "
            // mawk (Debian's required awk) passes the protocol on line by line and stops at the cap; head -c would buffer.
            + "if [ -x /usr/bin/mawk ]; then cap() { mawk -W interactive -v limit=\"$1\" '{ n += length($0) + 1; if (n > limit) exit 1; print }'; }; "
            + "else cap() { cat; }; fi; "
            // The reason the sandbox stopped the kernel goes to stderr on a line of its own (ReasonPrefix), for the grader.
            + $"{{ timeout -s KILL \"$left\" \"$@\"; s=$?; "
            + $"if [ $s -eq 152 ]; then echo '{ReasonPrefix}the kernel used up its CPU time limit ({limits.CpuSeconds} CPU seconds)' >&2; "
            + $"elif [ $s -eq 137 ] && [ $(date +%s) -ge {deadline} ]; then echo '{ReasonPrefix}the submission used up its time budget (--budget)' >&2; fi; }} "
            + $"| {{ cap {limits.OutputBytes} || echo '{ReasonPrefix}the kernel wrote more than {Megabytes(limits.OutputBytes)} of output (a limit of the sandbox)' >&2; kill -9 -1; }}";
        args.AddRange(["--", "/bin/sh", "-c", script, "sandbox", host.File, .. host.Arguments]);
        return ("bwrap", [.. args]);
    }

    /// <summary>Starts the line of the kernel's stderr that says why the sandbox stopped it.</summary>
    public const string ReasonPrefix = "sandbox: ";

    static string Megabytes(long bytes) => bytes >= 1 << 20 ? $"{bytes / (double)(1 << 20):0.#} MB" : $"{bytes} bytes";

    /// <summary>/bin, /lib, /lib64 and /sbin as on this machine: symlinks into /usr (merged /usr), or read-only binds.</summary>
    static List<string> TopLevel()
    {
        var args = new List<string>();
        foreach (var top in new[] { "/bin", "/lib", "/lib64", "/sbin" })
        {
            var info = new FileInfo(top);
            if (info.LinkTarget is { } target) args.AddRange(["--symlink", target, top]);
            else if (Directory.Exists(top)) args.AddRange(["--ro-bind", top, top]);
        }
        return args;
    }

    /// <summary>NuGet's package folder ($NUGET_PACKAGES, else ~/.nuget/packages): read-only inside.</summary>
    public static string NuGetPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } path ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The engine's cache of restored package sets ($COURSE_NUGET_CACHE, else ~/.cache/course-notebooks/restore): read-only inside.</summary>
    public static string RestoreCache =>
        Environment.GetEnvironmentVariable("COURSE_NUGET_CACHE") is { Length: > 0 } path ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "course-notebooks", "restore");

    /// <summary>The real path of an executable on PATH, or null.</summary>
    public static string? Which(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
                return new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
        }
        return null;
    }
}
