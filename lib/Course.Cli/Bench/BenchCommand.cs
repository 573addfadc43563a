using System.Reflection;

namespace Course.Cli.Bench;

/// <summary>A benchmark reachable as <c>course bench NAME</c>. Found by reflection, like commands.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Summary { get; }
    /// <summary>Runs the benchmark, printing its measurements; returns the exit code.</summary>
    int Run(string[] args);
}

/// <summary><c>course bench &lt;name&gt; [options]</c>: speed and memory measurements reported in README.</summary>
public sealed class BenchCommand : ICommand
{
    public string Name => "bench";
    public string Summary => "run a benchmark (load, train, engine, ...)";
    public string Usage => "usage: course bench <name> [options]\n\nbenchmarks:\n"
        + string.Join("\n", All().Select(b => $"  {b.Name,-10} {b.Summary}"));

    public int Run(string[] args)
    {
        if (args.Length == 0) throw new UsageException("name a benchmark.");
        var bench = All().FirstOrDefault(b => b.Name == args[0])
            ?? throw new UsageException($"unknown benchmark '{args[0]}'.");
        return bench.Run(args[1..]);
    }

    static IEnumerable<IBenchmark> All() => typeof(IBenchmark).Assembly.GetTypes()
        .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
        .OrderBy(b => b.Name, StringComparer.Ordinal);
}
