namespace Course.Notebooks.Hosting;

/// <summary>
/// The kernel process a notebook's cells run in: started when the first C# cell needs it (its start-up is charged to
/// no cell), kept for the cells after, and dropped after a crash or timeout so that the next cell gets a fresh one.
/// </summary>
internal sealed class KernelSlot(string workingDirectory, RunOptions options) : IDisposable
{
    KernelProcess? kernel;

    /// <summary>True once a kernel process runs in the slot.</summary>
    public bool IsStarted => kernel is not null;

    /// <summary>The running kernel process, started now if there is none.</summary>
    /// <exception cref="InvalidOperationException">The process did not start; the message says why.</exception>
    public async Task<KernelProcess> GetAsync() => kernel ??= await KernelProcess.StartAsync(workingDirectory, options);

    /// <summary>Ends the kernel process (after a crash or timeout): the next <see cref="GetAsync"/> starts a new one.</summary>
    public void Restart()
    {
        kernel?.Dispose();
        kernel = null;
    }

    public void Dispose() => Restart();
}
