using System.Collections.Concurrent;

namespace Course.Notebooks.Hosting;

/// <summary>
/// The kernel process a notebook's cells run in: started when the first C# cell needs it (its start-up is charged to
/// no cell), kept for the cells after, and dropped after a crash or timeout so that the next cell gets a fresh one.
/// </summary>
internal sealed class KernelSlot(string workingDirectory, RunOptions options) : IDisposable
{
    // Kernel processes started ahead for a notebook still to come (NotebookRunner.StartKernelAhead), by folder and options.
    static readonly ConcurrentDictionary<(string Folder, RunOptions Options), Task<KernelProcess>> ahead = new();
    KernelProcess? kernel;

    /// <summary>Starts a kernel process for a later slot with this folder and these options, unless one is waiting already.</summary>
    public static void StartAhead(string workingDirectory, RunOptions options) =>
        ahead.GetOrAdd((workingDirectory, options), key => KernelProcess.StartAsync(key.Folder, key.Options));

    /// <summary>The running kernel process, started now if there is none.</summary>
    /// <exception cref="InvalidOperationException">The process did not start; the message says why.</exception>
    public async Task<KernelProcess> GetAsync()
    {
        if (kernel is not null) return kernel;
        // one started ahead for this folder and options, if it came up; else a new one
        if (ahead.TryRemove((workingDirectory, options), out var started))
            try { return kernel = await started; }
            catch (InvalidOperationException) { }
        return kernel = await KernelProcess.StartAsync(workingDirectory, options);
    }

    /// <summary>Ends the kernel process (after a crash or timeout): the next <see cref="GetAsync"/> starts a new one.</summary>
    public void Restart()
    {
        kernel?.Dispose();
        kernel = null;
    }

    public void Dispose() => Restart();
}
