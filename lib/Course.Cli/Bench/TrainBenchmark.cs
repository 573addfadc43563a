using System.Diagnostics;
using Course.Data;
using Course.Kernels;
using Course.NeuralNetwork;
using Course.Optimizers;

namespace Course.Cli.Bench;

/// <summary>
/// <c>course bench train [--epochs N] [--threads N] [--seed N] [--folder PATH]</c> (threads per matrix product; default: the library's): seconds per epoch of the seed's
/// set-up (784-200-10 MLP, batch 64, momentum: lr 0.01, γ 0.9) through the library's own layers, loss,
/// optimizer and batch loader; also the epoch losses, the GFLOP/s of the matrix products, and the memory the
/// training holds beyond the dataset (target: at most half PyTorch's time per epoch, at most 150 MB).
/// tests/bench/compare-pytorch.sh runs it next to PyTorch in the same run.
/// </summary>
public sealed class TrainBenchmark : IBenchmark
{
    /// <summary>Multiply-adds ×2 per image: forward W1 and W2, backward dW1, dW2 and dX2 (no dX for the first layer).</summary>
    const double FlopsPerImage = 2.0 * (2 * Mlp.Inputs * Mlp.Hidden + 3 * Mlp.Hidden * Mlp.Classes);

    public string Name => "train";
    public string Summary => "seconds per epoch of the seed's MLP training, GFLOP/s, memory (--epochs N, --threads N, --seed N, --folder PATH)";

    public int Run(string[] args)
    {
        var options = Parse(args);
        string folder = options.Folder ?? Mnist.FindDataFolder();
        if (options.Threads is int threads) MatrixKernels.MaxThreads = threads;

        // 1) the data, outside the timing; what the process holds from here on is the dataset plus training
        var train = Mnist.LoadTrain(folder);
        long datasetBytes = train.Pixels.Length + train.Labels.Length;
        long heapWithData = GC.GetTotalMemory(forceFullCollection: true);
        long workingSetWithData = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine($"course bench train: {train.Count} images from {folder}; batch 64, lr 0.01, momentum 0.9; "
            + $"kernels {MatrixKernels.InstructionSet}, up to {MatrixKernels.MaxThreads} thread(s) per product, {Environment.ProcessorCount} cores");

        // 2) the seed's model, loss, optimizer and shuffled batches, all from the library
        var network = Mlp.Create(options.Seed);
        var loss = new CrossEntropyLoss(Mlp.Classes);
        var optimizer = new Momentum(network.Parameters, learningRate: 0.01f, gamma: 0.9f);
        var loader = new BatchLoader(train, batchSize: 64, seed: (int)options.Seed);

        // 3) epochs, each timed whole: gather batch, forward, loss, backward, update
        var seconds = new List<double>();
        var phaseTicks = new long[Enum.GetValues<Phase>().Length];
        long allocatedInLastEpoch = 0;
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            double lossSum = 0;
            int steps = 0;
            Array.Clear(phaseTicks);
            long mark = Stopwatch.GetTimestamp();
            foreach (var batch in loader.NextEpoch())
            {
                Lap(Phase.Batch);
                var logits = network.Forward(batch.Inputs, batch.Count);
                Lap(Phase.Forward);
                lossSum += loss.Forward(logits, batch.Labels, batch.Count);
                Lap(Phase.Loss);
                network.Backward(loss.LogitsGradient, batch.Count);
                Lap(Phase.Backward);
                optimizer.Step();
                Lap(Phase.Update);
                steps++;
            }
            clock.Stop();
            allocatedInLastEpoch = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            double s = clock.Elapsed.TotalSeconds;
            seconds.Add(s);
            Console.WriteLine($"  epoch {epoch}: loss {lossSum / steps:F4}   {s:F3} s   {FlopsPerImage * train.Count / s / 1e9:F1} GFLOP/s   ({steps} steps)");
            Console.WriteLine("           µs per step: " + string.Join("  ", Enum.GetValues<Phase>()
                .Select(p => $"{p.ToString().ToLowerInvariant()} {phaseTicks[(int)p] * 1e6 / Stopwatch.Frequency / steps:F0}")));

            void Lap(Phase phase)
            {
                long now = Stopwatch.GetTimestamp();
                phaseTicks[(int)phase] += now - mark;
                mark = now;
            }
        }

        // 4) summary: best and median epoch, memory held beyond the dataset
        var sorted = seconds.Order().ToList();
        double best = sorted[0], median = sorted[sorted.Count / 2];
        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        Console.WriteLine($"  seconds per epoch: best {best:F3}   median {median:F3}   ({FlopsPerImage * train.Count / 1e9:F1} GFLOP per epoch; "
            + $"best {FlopsPerImage * train.Count / best / 1e9:F1} GFLOP/s)");
        Console.WriteLine($"  memory: dataset {Mb(datasetBytes)}; managed heap beyond it {Mb(heapAfter - datasetBytes)} "
            + $"(training added {Mb(heapAfter - heapWithData)}); process peak working set {Mb(process.PeakWorkingSet64)}, "
            + $"{Mb(process.PeakWorkingSet64 - datasetBytes)} beyond the dataset (runtime and JIT included)");
        Console.WriteLine($"  allocated during the last epoch: {allocatedInLastEpoch} bytes");
        Console.WriteLine("  (wall-clock timings on a shared 2-core machine: noisy; compare runs taken side by side)");
        GC.KeepAlive(network);
        return CommandLine.Ok;
    }

    /// <summary>The parts of a step, timed separately: batch = shuffle, gather and normalize the images.</summary>
    enum Phase { Batch, Forward, Loss, Backward, Update }

    /// <param name="Threads">Threads per matrix product; null keeps the library's default.</param>
    sealed record Options(int Epochs, int? Threads, long Seed, string? Folder);

    static Options Parse(string[] args)
    {
        var options = new Options(Epochs: 3, Threads: null, Seed: 0, Folder: null);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Length)
                throw new UsageException($"option '{name}' needs a value (expected --epochs N, --threads N, --seed N, --folder PATH).");
            string value = args[++i];
            options = name switch
            {
                "--epochs" => options with { Epochs = Positive(name, value) },
                "--threads" => options with { Threads = Positive(name, value) },
                "--seed" => options with { Seed = long.TryParse(value, out long seed) ? seed : throw new UsageException($"--seed expects a whole number, got '{value}'.") },
                "--folder" => options with { Folder = value },
                _ => throw new UsageException($"unknown option '{name}' for bench train (expected --epochs N, --threads N, --seed N, --folder PATH)."),
            };
        }
        return options;
    }

    static int Positive(string name, string value)
        => int.TryParse(value, out int n) && n >= 1 ? n : throw new UsageException($"{name} expects a positive whole number, got '{value}'.");

    static string Mb(long bytes) => $"{bytes / 1e6:F1} MB";
}
