using System.Diagnostics;
using Course.Data;
using Course.Kernels;
using Course.NeuralNetwork;
using Course.Optimizers;
using Course.Training;

namespace Course.Cli.Bench;

/// <summary>
/// <c>course bench train [--epochs N] [--threads N] [--seed N] [--folder PATH] [--phases]</c>: seconds per epoch of
/// the seed's set-up (784-200-10 MLP, batch 64, momentum: lr 0.01, γ 0.9) through the library's
/// <see cref="Trainer"/>; also the epoch losses, the GFLOP/s of the matrix products, and the memory the training
/// holds beyond the dataset (targets: at most half PyTorch's time per epoch, at most 150 MB).
/// --threads sets the threads per matrix product (default: the library's); --phases runs the same calls as the
/// Trainer's step, assembled here, to time batch, forward, loss, backward and update apart.
/// tests/bench/compare-pytorch.sh runs it next to PyTorch in the same run.
/// </summary>
public sealed class TrainBenchmark : IBenchmark
{
    /// <summary>Multiply-adds ×2 per image: forward W1 and W2, backward dW1, dW2 and dX2 (no dX for the first layer).</summary>
    const double FlopsPerImage = 2.0 * (2 * Mlp.Inputs * Mlp.Hidden + 3 * Mlp.Hidden * Mlp.Classes);

    public string Name => "train";
    public string Summary => "seconds per epoch of the seed's MLP training, GFLOP/s, memory (--epochs N, --threads N, --seed N, --folder PATH, --phases)";

    public int Run(string[] args)
    {
        var options = Parse(args);
        string folder = options.Folder ?? Mnist.FindDataFolder();
        if (options.Threads is int threads) MatrixKernels.MaxThreads = threads;

        // 1) the data, outside the timing; what the process holds from here on is the dataset plus training
        var data = Mnist.Load(folder);
        long datasetBytes = data.Train.Pixels.Length + data.Train.Labels.Length + data.Test.Pixels.Length + data.Test.Labels.Length;
        long heapWithData = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"course bench train: {data.Train.Count} images from {folder}; batch 64, lr 0.01, momentum 0.9; "
            + $"kernels {MatrixKernels.InstructionSet}, up to {MatrixKernels.MaxThreads} thread(s) per product, {Environment.ProcessorCount} cores"
            + (options.Phases ? "; step assembled here, timed by phase" : "; through Trainer.Train"));

        // 2) the seed's model and optimizer, trained for the asked epochs
        var network = Mlp.Create(options.Seed);
        var optimizer = new Momentum(network.Parameters, learningRate: 0.01f, gamma: 0.9f);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var epochs = options.Phases
            ? TrainByPhase(network, optimizer, data.Train, options)
            : TrainWithTrainer(network, optimizer, data, options);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        // 3) summary: best and median epoch, memory held beyond the dataset
        var sorted = epochs.Select(e => e.Seconds).Order().ToList();
        double best = sorted[0], median = sorted[sorted.Count / 2], flops = FlopsPerImage * data.Train.Count;
        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        Console.WriteLine($"  seconds per epoch: best {best:F3}   median {median:F3}   ({flops / 1e9:F1} GFLOP per epoch; best {flops / best / 1e9:F1} GFLOP/s)");
        Console.WriteLine($"  memory: dataset {Mb(datasetBytes)}; managed heap beyond it {Mb(heapAfter - datasetBytes)} "
            + $"(training added {Mb(heapAfter - heapWithData)}); process peak working set {Mb(process.PeakWorkingSet64)}, "
            + $"{Mb(process.PeakWorkingSet64 - datasetBytes)} beyond the dataset (runtime and JIT included)");
        Console.WriteLine($"  allocated while training: {allocated} bytes in {epochs.Count} epochs");
        Console.WriteLine("  (wall-clock timings on a shared 2-core machine: noisy; compare runs taken side by side)");
        GC.KeepAlive(network);
        return CommandLine.Ok;
    }

    /// <summary>The library's own loop; the Trainer times each epoch (the test accuracy at the end is not timed).</summary>
    static List<(double Seconds, double Loss)> TrainWithTrainer(Sequential network, Momentum optimizer, MnistData data, Options options)
    {
        var settings = new TrainingSettings(Epochs: options.Epochs, BatchSize: 64, Seed: (int)options.Seed);
        var result = Trainer.Train(network, optimizer, data.Train, data.Test, settings);
        var epochs = result.EpochSeconds.Zip(result.EpochLosses).ToList();
        for (int e = 0; e < epochs.Count; e++) PrintEpoch(e, epochs[e].First, epochs[e].Second, data.Train.Count);
        Console.WriteLine($"  test accuracy {result.TestAccuracy:P2}");
        return epochs;
    }

    /// <summary>The parts of a step, timed apart: batch = shuffle, gather and normalize the images.</summary>
    enum Phase { Batch, Forward, Loss, Backward, Update }

    /// <summary>The Trainer's step (forward, loss, backward, update) written out, with a timestamp between the phases.</summary>
    static List<(double Seconds, double Loss)> TrainByPhase(Sequential network, Momentum optimizer, MnistSet train, Options options)
    {
        var loss = new CrossEntropyLoss(Mlp.Classes);
        var loader = new BatchLoader(train, batchSize: 64, seed: (int)options.Seed);
        var epochs = new List<(double, double)>();
        var ticks = new long[Enum.GetValues<Phase>().Length];
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            Array.Clear(ticks);
            double lossSum = 0;
            int steps = 0;
            long start = Stopwatch.GetTimestamp(), mark = start;
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
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            epochs.Add((seconds, lossSum / steps));
            PrintEpoch(epoch, seconds, lossSum / steps, train.Count);
            Console.WriteLine("           µs per step: " + string.Join("  ", Enum.GetValues<Phase>()
                .Select(p => $"{p.ToString().ToLowerInvariant()} {ticks[(int)p] * 1e6 / Stopwatch.Frequency / steps:F0}")));

            void Lap(Phase phase)
            {
                long now = Stopwatch.GetTimestamp();
                ticks[(int)phase] += now - mark;
                mark = now;
            }
        }
        return epochs;
    }

    static void PrintEpoch(int epoch, double seconds, double loss, int images)
        => Console.WriteLine($"  epoch {epoch}: loss {loss:F4}   {seconds:F3} s   {FlopsPerImage * images / seconds / 1e9:F1} GFLOP/s");

    /// <param name="Threads">Threads per matrix product; null keeps the library's default.</param>
    sealed record Options(int Epochs, int? Threads, long Seed, string? Folder, bool Phases);

    static Options Parse(string[] args)
    {
        const string expected = "expected --epochs N, --threads N, --seed N, --folder PATH, --phases";
        var options = new Options(Epochs: 3, Threads: null, Seed: 0, Folder: null, Phases: false);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--phases") { options = options with { Phases = true }; continue; }
            if (name is not ("--epochs" or "--threads" or "--seed" or "--folder"))
                throw new UsageException($"unknown option '{name}' for bench train ({expected}).");
            if (i + 1 >= args.Length) throw new UsageException($"option '{name}' needs a value ({expected}).");
            string value = args[++i];
            options = name switch
            {
                "--epochs" => options with { Epochs = Positive(name, value) },
                "--threads" => options with { Threads = Positive(name, value) },
                "--seed" => options with { Seed = int.TryParse(value, out int seed) && seed >= 0 ? seed : throw new UsageException($"--seed expects a whole number 0 or more, got '{value}'.") },
                _ => options with { Folder = value },
            };
        }
        return options;
    }

    static int Positive(string name, string value)
        => int.TryParse(value, out int n) && n >= 1 ? n : throw new UsageException($"{name} expects a positive whole number, got '{value}'.");

    static string Mb(long bytes) => $"{bytes / 1e6:F1} MB";
}
