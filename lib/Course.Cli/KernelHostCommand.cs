using Course.Notebooks.Hosting;

namespace Course.Cli;

/// <summary><c>course kernel-host</c>: the child process of <c>course run</c> that runs one notebook's C# cells (internal).</summary>
public sealed class KernelHostCommand : ICommand
{
    public string Name => "kernel-host";
    public string Summary => "internal: the kernel process of `course run` (JSON lines on stdin/stdout)";
    public string Usage => "usage: course kernel-host   (started by `course run`; reads submissions on stdin, answers on stdout)";
    public bool Hidden => true;

    public int Run(string[] args)
    {
        if (args.Length > 0) throw new UsageException($"kernel-host takes no arguments (got '{args[0]}').");
        return KernelHost.RunAsync().GetAwaiter().GetResult();
    }
}
