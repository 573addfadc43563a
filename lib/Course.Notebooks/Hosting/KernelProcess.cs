using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Hosting;

/// <summary>
/// A kernel in a child process (<c>dotnet Course.Notebooks.dll</c>), driven over <see cref="KernelMessage"/>. A cell that
/// runs past its timeout gets the process killed; a process that dies while a cell runs (Environment.Exit, stack
/// overflow, out of memory) turns into that cell's <see cref="CellStatus.Crash"/> with the reason.
/// </summary>
internal sealed class KernelProcess : IDisposable
{
    const int StderrKeep = 8_000, StderrLines = 12;
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    readonly Process process;
    readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    readonly StringBuilder stderr = new();
    readonly Task stderrDone;
    readonly string key = KernelMessage.NewKey(); // see KernelMessage: events without it are a cell's own text

    KernelProcess(Process process)
    {
        this.process = process;
        _ = PumpStdoutAsync();
        stderrDone = PumpStderrAsync();
    }

    /// <summary>Starts a kernel process in <paramref name="workingDirectory"/> and waits for it to be ready.</summary>
    public static async Task<KernelProcess> StartAsync(string workingDirectory, RunOptions options)
    {
        var (file, arguments) = options.HostCommand ?? DefaultHostCommand();
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (options.HeapHardLimitBytes is long limit)
            start.Environment["DOTNET_GCHeapHardLimit"] = limit.ToString("X");
        var kernel = new KernelProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}"));
        try
        {
            await kernel.process.StandardInput.WriteLineAsync(new KernelMessage.Hello(kernel.key).ToLine());
            await kernel.process.StandardInput.FlushAsync();
        }
        catch (IOException) { } // the process died at once: reported below, with its stderr
        using var startTimeout = new CancellationTokenSource(StartTimeout);
        KernelMessage? ready;
        try { ready = await kernel.NextMessageAsync(startTimeout.Token); }
        catch (OperationCanceledException) { ready = null; kernel.Kill(); }
        if (ready is not KernelMessage.Ready)
        {
            await kernel.stderrDone;
            kernel.process.WaitForExit(5000);
            throw new InvalidOperationException(
                $"the kernel process ({file} {string.Join(' ', arguments)}) did not start within {StartTimeout.TotalSeconds} s: {kernel.StderrText()}");
        }
        return kernel;
    }

    /// <summary>
    /// The default host: <c>dotnet Course.Notebooks.dll</c> (this assembly is also the kernel process's entry point,
    /// with its own runtimeconfig and deps files, so the child loads nothing of the program that started it).
    /// </summary>
    public static (string, string[]) DefaultHostCommand()
    {
        var self = typeof(KernelProcess).Assembly.Location;
        var runtimeConfig = Path.ChangeExtension(self, ".runtimeconfig.json");
        if (!File.Exists(runtimeConfig))
            throw new InvalidOperationException(
                $"cannot start the kernel process: {runtimeConfig} is missing (build Course.Notebooks as an executable, or pass RunOptions.HostCommand).");
        var dotnet = Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
        return (dotnet, [self]);
    }

    /// <summary>Runs one cell; its outputs go to <paramref name="onOutput"/> as they arrive.</summary>
    public async Task<CellOutcome> SubmitAsync(int cell, string code, TimeSpan timeout, Action<KernelOutput> onOutput)
    {
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            await process.StandardInput.WriteLineAsync(new KernelMessage.Submit(cell, code).ToLine());
            await process.StandardInput.FlushAsync();
        }
        catch (IOException) { return await CrashOutcomeAsync(); }
        while (true)
        {
            string? line;
            try { line = await lines.Reader.ReadAsync(timer.Token); }
            catch (OperationCanceledException)
            {
                Kill();
                return new CellOutcome(CellStatus.Timeout,
                    $"The cell did not finish within {timeout.TotalSeconds:0.###} s (the per-cell timeout, --cell-timeout); its kernel process was stopped.");
            }
            catch (ChannelClosedException) { return await CrashOutcomeAsync(); }
            // A line without this process's key is text a cell wrote straight to stdout, whatever it looks like.
            // Outputs may name an earlier cell (the Update of a value displayed there); done must name this one.
            switch (KernelMessage.TryParseEvent(line, key))
            {
                case null: onOutput(new StreamedOutput("stdout", line + "\n")); break;
                case KernelMessage.Output output: onOutput(output.Value); break;
                case KernelMessage.Done done when done.Cell == cell: return done.Outcome;
            }
        }
    }

    async Task<KernelMessage?> NextMessageAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
                if (KernelMessage.TryParseEvent(await lines.Reader.ReadAsync(cancellationToken), key) is { } message) return message;
        }
        catch (ChannelClosedException) { return null; }
    }

    async Task<CellOutcome> CrashOutcomeAsync()
    {
        await process.WaitForExitAsync();
        await stderrDone;
        var code = process.ExitCode;
        var error = StderrText();
        string reason =
            error.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase) ? "stack overflow (infinite recursion?)"
            : error.Contains("OutOfMemory", StringComparison.OrdinalIgnoreCase) || error.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
                ? "out of memory (the kernel's GC heap limit was reached)"
            : $"the process exited with code {code} (did the cell call Environment.Exit?)";
        var text = $"The kernel process died while running this cell: {reason}.";
        if (error.Length > 0) text += "\n" + string.Join('\n', error.Split('\n').Take(StderrLines));
        return new CellOutcome(CellStatus.Crash, text);
    }

    string StderrText()
    {
        lock (stderr) return stderr.ToString().Trim();
    }

    async Task PumpStdoutAsync()
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line) await lines.Writer.WriteAsync(line);
        lines.Writer.TryComplete();
    }

    async Task PumpStderrAsync()
    {
        // Keep the start (the reason) and not the megabytes of a stack overflow's repeated frames.
        var buffer = new char[4096];
        int read;
        while ((read = await process.StandardError.ReadAsync(buffer)) > 0)
            lock (stderr)
                if (stderr.Length < StderrKeep) stderr.Append(buffer, 0, Math.Min(read, StderrKeep - stderr.Length));
    }

    void Kill()
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // already gone
        process.WaitForExit(5000);
    }

    /// <summary>Closes the child's stdin (it ends by itself) and kills it if it does not.</summary>
    public void Dispose()
    {
        try { process.StandardInput.Close(); } catch (IOException) { }
        if (!process.WaitForExit(2000)) Kill();
        process.Dispose();
    }
}
