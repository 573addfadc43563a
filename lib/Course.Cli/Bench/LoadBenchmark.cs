using System.Diagnostics;
using Course.Data;

namespace Course.Cli.Bench;

/// <summary>
/// <c>course bench load [--runs N] [--folder PATH] [--no-verify]</c>: how long loading all 70,000 MNIST images
/// takes and how much memory it needs (target: under 1 s and 60 MB), then how long one shuffled epoch of
/// 64-image batches takes to serve. Run it in a fresh process: the peak working set is for the whole process.
/// </summary>
public sealed class LoadBenchmark : IBenchmark
{
    public string Name => "load";
    public string Summary => "MNIST load time and memory, and one epoch of batches (--runs N, --folder PATH, --no-verify)";

    public int Run(string[] args)
    {
        var (runs, folder, verify) = Parse(args);
        folder ??= Mnist.FindDataFolder();
        Console.WriteLine($"MNIST load from {folder} ({(verify ? "with" : "without")} SHA-256 checks), {runs} runs, {Environment.ProcessorCount} cores");

        // 1) load, timing each run and counting what it allocates
        var seconds = new List<double>();
        long allocated = 0, retained = 0, peakAfterFirst = 0;
        long workingSetBefore = Process.GetCurrentProcess().WorkingSet64;
        MnistData? data = null;
        for (int run = 0; run < runs; run++)
        {
            data = null;
            long baseline = GC.GetTotalMemory(forceFullCollection: true);
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            data = Mnist.Load(folder, verify);
            clock.Stop();
            seconds.Add(clock.Elapsed.TotalSeconds);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;
            if (run == 0) peakAfterFirst = Process.GetCurrentProcess().PeakWorkingSet64;
        }
        double first = seconds[0]; // includes JIT and first touch of the native zlib and SHA-256 code: what a notebook sees
        seconds.Sort();
        long payload = data!.Train.Pixels.Length + data.Train.Labels.Length + data.Test.Pixels.Length + data.Test.Labels.Length;
        Console.WriteLine($"  load time        first {first:F3} s   min {seconds[0]:F3} s   median {seconds[seconds.Count / 2]:F3} s   max {seconds[^1]:F3} s");
        Console.WriteLine($"  data held        {Mb(payload)} (pixels and labels of {data.Train.Count + data.Test.Count} images)");
        Console.WriteLine($"  managed          {Mb(allocated)} allocated per load, {Mb(retained)} retained after load");
        Console.WriteLine($"  process peak     {Mb(peakAfterFirst)} working set after the first load, "
            + $"{Mb(workingSetBefore)} before it (runtime, JIT and code): the load adds at most {Mb(peakAfterFirst - workingSetBefore)}");

        // 2) one epoch of batches: shuffle, gather and normalize 60,000 images
        var loader = new BatchLoader(data.Train, batchSize: 64, seed: 0);
        long epochAllocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var epochClock = Stopwatch.StartNew();
        int batches = 0;
        foreach (var _ in loader.NextEpoch()) batches++;
        epochClock.Stop();
        Console.WriteLine($"  one epoch        {batches} batches of 64 in {epochClock.Elapsed.TotalSeconds:F3} s, "
            + $"{GC.GetTotalAllocatedBytes(precise: true) - epochAllocatedBefore} bytes allocated");
        Console.WriteLine("  (timings are wall-clock on a shared machine: noisy)");
        return CommandLine.Ok;
    }

    static (int Runs, string? Folder, bool Verify) Parse(string[] args)
    {
        int runs = 5; string? folder = null; bool verify = true;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], out runs) || runs < 1)
                        throw new UsageException($"--runs expects a positive whole number, got '{args[i]}'.");
                    break;
                case "--folder" when i + 1 < args.Length:
                    folder = args[++i];
                    break;
                case "--no-verify":
                    verify = false;
                    break;
                default:
                    throw new UsageException($"unknown or incomplete option '{args[i]}' for bench load (expected --runs N, --folder PATH, --no-verify).");
            }
        }
        return (runs, folder, verify);
    }

    static string Mb(long bytes) => $"{bytes / 1e6:F1} MB";
}
