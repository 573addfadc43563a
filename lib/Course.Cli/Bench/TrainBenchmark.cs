using System.Diagnostics;
using System.Globalization;
using Course.Data;
using Course.Kernels;
using Course.NeuralNetwork;
using Course.Optimizers;
using Course.Training;

namespace Course.Cli.Bench;

/// <summary>
/// <c>course bench train [--epochs N] [--rounds N] [--optimizer NAME] [--against pytorch] [--path best|all]
/// [--seed N] [--folder PATH] [--phases]</c>: seconds per epoch of the seed's set-up (784-200-10 MLP, batch 64,
/// lr 0.01, γ 0.9) through <see cref="Trainer.Train(Sequential, IOptimizer, MnistSet, MnistSet, TrainingSettings?, Action{TrainingProgress}?)"/>
/// itself, the loop users and notebooks run, once per optimizer: <c>Sgd</c> with momentum 0.9 (PyTorch's
/// <c>SGD(momentum=0.9)</c>), <c>Momentum</c> (the seed's form), the hand-written update
/// (<see cref="Momentum.SgdMomentum"/> passed as a function) and <c>Nesterov</c>. Also the GFLOP/s of the whole
/// epoch, the bytes allocated per step and the memory held beyond the dataset (targets: at most half PyTorch's
/// time per epoch, no allocation per step, at most 150 MB).
/// <para>--against pytorch runs tests/bench/pytorch_train_loop.py (PyTorch's tightest loop, 1 thread) in turn with
/// ours, round by round in the same invocation, and prints the ratio of the best epochs. --path all (the default)
/// measures every kernel path the CPU has: on an AVX-512 CPU this process measures the AVX-512 path, then runs
/// itself again with DOTNET_EnableAVX512=0 for the AVX2 path. --phases times the parts of a step instead
/// (batch, forward, loss, backward, update), on the same calls the Trainer makes, assembled here.</para>
/// </summary>
public sealed class TrainBenchmark : IBenchmark
{
    /// <summary>Multiply-adds ×2 per image: forward W1 and W2, backward dW1, dW2 and dX2 (no dX for the first layer).</summary>
    const double FlopsPerImage = 2.0 * (2 * Mlp.Inputs * Mlp.Hidden + 3 * Mlp.Hidden * Mlp.Classes);

    const float LearningRate = 0.01f, Gamma = 0.9f;
    static readonly string[] OptimizerNames = ["sgd", "momentum", "scratch", "nesterov"];

    public string Name => "train";
    public string Summary => "seconds per epoch through Trainer.Train per optimizer, against PyTorch and per kernel path "
        + "(--epochs N, --rounds N, --optimizer NAME, --against pytorch, --path best|all, --seed N, --folder PATH, --phases)";

    public int Run(string[] args)
    {
        var options = Parse(args);
        string folder = Path.GetFullPath(options.Folder ?? Mnist.FindDataFolder());
        PyTorch? torch = null;
        if (options.AgainstPyTorch && (torch = PyTorch.Find(out string problem)) is null)
        {
            Console.Error.WriteLine($"course bench train --against pytorch: {problem}");
            return CommandLine.Failed;
        }

        // 1) the data, outside the timing; what the process holds from here on is the dataset plus training
        var data = Mnist.Load(folder);
        long datasetBytes = data.Train.Pixels.Length + data.Train.Labels.Length + data.Test.Pixels.Length + data.Test.Labels.Length;
        long heapWithData = GC.GetTotalMemory(forceFullCollection: true);
        string path = MatrixKernels.InstructionSet;
        Console.WriteLine($"course bench train: {data.Train.Count} images from {folder}; batch 64, lr {LearningRate}, γ {Gamma}; "
            + $"kernels {path}, {Environment.ProcessorCount} cores; {options.Epochs} epoch(s) × {options.Rounds} round(s) per side"
            + (options.Phases ? "; the Trainer's calls assembled here, timed by phase" : "; through Trainer.Train")
            + (torch is null ? "" : $"; against PyTorch {torch.Version} (1 thread, OpenBLAS kernels {PyTorch.CoreType ?? "as detected"}), taking turns"));

        // 2) the rounds: PyTorch's loop, then each optimizer through the Trainer, so a burst of load hits both sides
        var table = new List<Row>();
        var epochs = new Dictionary<string, List<double>>();
        long allocatedOutsideSteps = 0, allocatedInSteps = 0, measuredSteps = 0;
        for (int round = 1; round <= options.Rounds; round++)
        {
            if (torch is not null)
            {
                var seconds = torch.Train(folder, options.Epochs);
                Add("PyTorch", seconds);
                Console.WriteLine($"  round {round}: {"PyTorch",-20} {Format(seconds)}");
            }
            foreach (string name in options.Optimizers)
                foreach (int threads in options.Threads)
                {
                    MatrixKernels.Threads = threads;
                    var bandsBefore = BandSplitter.Counts;
                    var (seconds, inSteps, steps, total) = options.Phases
                        ? TrainByPhase(name, data.Train, options)
                        : TrainWithTrainer(name, data, options);
                    allocatedInSteps += inSteps; measuredSteps += steps; allocatedOutsideSteps += total - inSteps;
                    string key = options.Threads.Count > 1 ? $"{name}/{threads}" : name;
                    Add(key, seconds);
                    var bands = BandSplitter.Counts;
                    Console.WriteLine($"  round {round}: {Label(key),-31} {Format(seconds)}" + (threads == 1 ? "" :
                        $"  (helper thread: {Percent(bands.ByHelper - bandsBefore.ByHelper, bands.Bands - bandsBefore.Bands)} of the bands, "
                        + $"{bands.TakenBack - bandsBefore.TakenBack} taken back)"));
                }
        }

        // 3) summary: best epoch of each side, ratio, allocation and memory
        double? torchBest = epochs.TryGetValue("PyTorch", out var t) ? t.Min() : null;
        foreach (var (name, seconds) in epochs)
            table.Add(new Row(path, name == "PyTorch" ? $"PyTorch {torch!.Version}, tightest loop" : $"Trainer.Train + {Label(name)}",
                              seconds.Min(), Median(seconds), name == "PyTorch" ? null : torchBest));
        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        Console.WriteLine($"  allocated per step: {(measuredSteps == 0 ? 0 : (double)allocatedInSteps / measuredSteps):F1} bytes "
            + $"({allocatedInSteps} bytes over {measuredSteps} steps, the first step of each epoch left out); "
            + $"the rest of the runs (loaders, result lists, the filler thread, the test pass) {allocatedOutsideSteps} bytes");
        Console.WriteLine($"  memory: dataset {Mb(datasetBytes)}; managed heap beyond it {Mb(heapAfter - datasetBytes)} "
            + $"(training added {Mb(heapAfter - heapWithData)}); process peak working set {Mb(process.PeakWorkingSet64)}, "
            + $"{Mb(process.PeakWorkingSet64 - datasetBytes)} beyond the dataset (runtime and JIT included)");

        if (options.AllPaths && path == "Vector512" && Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") != "0")
        {
            Console.WriteLine("  the AVX2 path: this benchmark again with DOTNET_EnableAVX512=0");
            var child = RunAvx2Child(args);
            if (child is null) return CommandLine.Failed;
            table.AddRange(child);
        }
        PrintTable(table);
        Console.WriteLine("  (wall-clock on a shared machine: compare the sides within one run, never across runs)");
        GC.KeepAlive(data);
        return CommandLine.Ok;

        void Add(string name, IReadOnlyList<double> seconds)
        {
            if (!epochs.TryGetValue(name, out var list)) epochs[name] = list = [];
            list.AddRange(seconds);
        }
    }

    /// <summary>One line of the summary table; Ratio is ours over PyTorch's best when PyTorch ran.</summary>
    sealed record Row(string Path, string What, double Best, double Median, double? TorchBest)
    {
        public override string ToString()
        {
            string ratio = TorchBest is double t ? (Best / t).ToString("F2", CultureInfo.InvariantCulture) : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"| {Path} | {What} | {Best:F3} | {Median:F3} | {FlopsPerImage * 60000 / Best / 1e9:F1} | {ratio} |");
        }

        public static Row? Parse(string line)
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length != 8 || cells[1] is not ("Vector512" or "Vector256" or "Scalar")) return null;
            double best = double.Parse(cells[3], CultureInfo.InvariantCulture);
            double? torchBest = cells[6].Length == 0 ? null : best / double.Parse(cells[6], CultureInfo.InvariantCulture);
            return new Row(cells[1], cells[2], best, double.Parse(cells[4], CultureInfo.InvariantCulture), torchBest);
        }
    }

    static void PrintTable(List<Row> table)
    {
        Console.WriteLine();
        Console.WriteLine("| kernel path | what | best s per epoch | median | GFLOP/s (best) | ratio to PyTorch (best/best) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var row in table) Console.WriteLine(row);
    }

    /// <summary>This benchmark again in a child process on the AVX2 path; its output is relayed, its table rows returned.</summary>
    static List<Row>? RunAvx2Child(string[] args)
    {
        var start = SelfStart();
        foreach (string a in new[] { "bench", "train" }.Concat(args).Append("--path").Append("best")) start.ArgumentList.Add(a);
        start.Environment["DOTNET_EnableAVX512"] = "0";
        start.RedirectStandardOutput = true;
        using var child = Process.Start(start)!;
        var rows = new List<Row>();
        string? line;
        while ((line = child.StandardOutput.ReadLine()) is not null)
        {
            if (Row.Parse(line) is Row row) rows.Add(row);
            else if (!line.StartsWith('|') && line.Length > 0 && !line.StartsWith("  (wall-clock")) Console.WriteLine("  " + line);
        }
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            Console.Error.WriteLine($"course bench train: the AVX2 run (DOTNET_EnableAVX512=0) failed with exit code {child.ExitCode}.");
            return null;
        }
        return rows;
    }

    /// <summary>How to start this command again: the apphost itself, or <c>dotnet Course.Cli.dll</c>.</summary>
    static ProcessStartInfo SelfStart()
    {
        string host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(TrainBenchmark).Assembly.Location);
        return start;
    }

    static IOptimizer CreateOptimizer(string name, Sequential network) => name switch
    {
        "sgd" => new Sgd(network.Parameters, LearningRate, momentum: Gamma),
        "momentum" => new Momentum(network.Parameters, LearningRate, Gamma),
        "nesterov" => new Nesterov(network.Parameters, LearningRate, Gamma),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not an optimizer object"),
    };

    /// <summary>The optimizer's label; "name/threads" (from --threads both) adds the thread count.</summary>
    static string Label(string key) => key.Split('/') is [var name, var threads]
        ? $"{Label(name)}, {threads} thread{(threads == "1" ? "" : "s")}"
        : key switch
    {
        "sgd" => "Sgd(momentum 0.9)",
        "momentum" => "Momentum",
        "scratch" => "hand-written update",
        _ => "Nesterov",
    };

    /// <summary>
    /// The library's own loop, as <c>course train</c> runs it, with a progress callback (as every caller passes) that
    /// reads this thread's allocation counter at the first and the last step of each epoch.
    /// Returns the epoch seconds, the bytes allocated by the steps between those two and their count, and all bytes.
    /// </summary>
    static (IReadOnlyList<double> Seconds, long InSteps, long Steps, long Total) TrainWithTrainer(string name, MnistData data, Options options)
    {
        var network = Mlp.Create(options.Seed);
        var settings = new TrainingSettings(Epochs: options.Epochs, BatchSize: 64, Seed: (int)options.Seed);
        long first = 0, inSteps = 0, steps = 0;
        void Progress(TrainingProgress p)
        {
            if (p.Step == 1) first = GC.GetAllocatedBytesForCurrentThread();
            else if (p.IsEpochEnd) { inSteps += GC.GetAllocatedBytesForCurrentThread() - first; steps += p.StepsPerEpoch - 1; }
        }
        long before = GC.GetTotalAllocatedBytes(precise: true);
        TrainingResult result;
        if (name == "scratch")
        {
            var velocities = Momentum.ZeroVelocities(network.Parameters);
            result = Trainer.Train(network, ps => Momentum.SgdMomentum(ps, velocities, LearningRate, Gamma), data.Train, data.Test, settings, Progress);
        }
        else result = Trainer.Train(network, CreateOptimizer(name, network), data.Train, data.Test, settings, Progress);
        return (result.EpochSeconds, inSteps, steps, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    /// <summary>The parts of a step, timed apart: batch = shuffle, gather and normalize the images (or wait for them).</summary>
    enum Phase { Batch, Forward, Loss, Backward, Update }

    /// <summary>The Trainer's step (forward, loss, backward, update) written out, with a timestamp between the phases.</summary>
    static (IReadOnlyList<double> Seconds, long InSteps, long Steps, long Total) TrainByPhase(string name, MnistSet train, Options options)
    {
        var network = Mlp.Create(options.Seed);
        var velocities = Momentum.ZeroVelocities(network.Parameters);
        IOptimizer? optimizer = name == "scratch" ? null : CreateOptimizer(name, network);
        var loss = new CrossEntropyLoss(Mlp.Classes);
        var loader = new BatchLoader(train, batchSize: 64, seed: (int)options.Seed);
        var epochs = new List<double>();
        var ticks = new long[Enum.GetValues<Phase>().Length];
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            Array.Clear(ticks);
            int steps = 0;
            long start = Stopwatch.GetTimestamp(), mark = start;
            foreach (var batch in loader.NextEpoch())
            {
                Lap(Phase.Batch);
                if (epoch == 0 && steps == 0) optimizer?.BeforeForward();   // later steps: in the update, as the Trainer does
                var logits = network.Forward(batch.Inputs, batch.Count);
                Lap(Phase.Forward);
                loss.Forward(logits, batch.Labels, batch.Count);
                Lap(Phase.Loss);
                network.Backward(loss.LogitsGradient, batch.Count);
                Lap(Phase.Backward);
                if (optimizer is null) Momentum.SgdMomentum(network.Parameters, velocities, LearningRate, Gamma);
                else if (epoch + 1 < options.Epochs || steps + 1 < loader.BatchesPerEpoch) optimizer.StepThenBeforeForward();
                else optimizer.Step();
                Lap(Phase.Update);
                steps++;
            }
            epochs.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            Console.WriteLine($"           {Label(name)}, µs per step: " + string.Join("  ", Enum.GetValues<Phase>()
                .Select(p => $"{p.ToString().ToLowerInvariant()} {ticks[(int)p] * 1e6 / Stopwatch.Frequency / steps:F0}")));

            void Lap(Phase phase)
            {
                long now = Stopwatch.GetTimestamp();
                ticks[(int)phase] += now - mark;
                mark = now;
            }
        }
        long total = GC.GetTotalAllocatedBytes(precise: true) - before;
        return (epochs, 0, 0, total);
    }

    /// <summary>PyTorch's loop of tests/bench, run by Debian's python3 (or $PYTHON) as a child process.</summary>
    sealed class PyTorch(string python, string script, string version)
    {
        public string Version => version;

        /// <summary>The interpreter and script, or null with <paramref name="problem"/> saying what is missing and how to get it.</summary>
        public static PyTorch? Find(out string problem)
        {
            string python = Environment.GetEnvironmentVariable("PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";
            string? script = FindScript();
            if (script is null)
            {
                problem = $"tests/bench/{ScriptName} not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; "
                    + "run the command from inside the repository.";
                return null;
            }
            var (exit, output) = Capture(python, ["-c", "import torch, numpy; print(torch.__version__)"]);
            if (exit != 0)
            {
                string last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
                problem = $"PyTorch cannot be imported by {python} ({(exit == -1 ? "the interpreter is missing" : last.Trim())}). "
                    + "Install Debian's, as root: apt-get install -y --no-install-recommends python3-torch python3-numpy libopenblas0-pthread "
                    + "(or set PYTHON to an interpreter that has torch and numpy).";
                return null;
            }
            problem = "";
            return new PyTorch(python, script, output.Trim());
        }

        /// <summary>Runs the loop for <paramref name="epochs"/> epochs and returns its epoch seconds.</summary>
        public IReadOnlyList<double> Train(string folder, int epochs)
        {
            var (exit, output) = Capture(python, [script, folder, "1", epochs.ToString(CultureInfo.InvariantCulture)]);
            var seconds = output.Split('\n')
                .Where(l => l.StartsWith("pytorch ", StringComparison.Ordinal) && l.Contains(" time "))
                .Select(l => double.Parse(l.Split(" time ")[1].Split(' ')[0], CultureInfo.InvariantCulture))
                .ToList();
            if (exit != 0 || seconds.Count != epochs)
                throw new InvalidOperationException($"{script} failed (exit code {exit}); its output:\n{output}");
            return seconds;
        }

        /// <summary>
        /// The OpenBLAS kernels PyTorch is given: those of this process's kernel path (SkylakeX for AVX-512, Haswell
        /// for AVX2), as on a CPU of that kind, unless OPENBLAS_CORETYPE is set already. Debian's OpenBLAS 0.3.21 does
        /// not know newer CPUs: on this project's Xeon (Emerald Rapids) it picks its SSE3 "Prescott" kernels, and
        /// PyTorch's 64×784×200 product took 1022 µs instead of 297 (SkylakeX) or 415 (Haswell).
        /// </summary>
        public static string? CoreType =>
            Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is { Length: > 0 } set ? set
            : System.Runtime.Intrinsics.X86.Avx512F.IsSupported && System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "SkylakeX"
            : System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported ? "Haswell"
            : null;

        const string ScriptName = "pytorch_train_loop.py";

        static string? FindScript()
        {
            foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    string candidate = Path.Combine(dir.FullName, "tests", "bench", ScriptName);
                    if (File.Exists(candidate)) return candidate;
                }
            return null;
        }

        static (int Exit, string Output) Capture(string file, string[] arguments)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in arguments) start.ArgumentList.Add(a);
            // one thread, BLAS included (torch.set_num_threads does not reach OpenBLAS's own pool)
            start.Environment["OMP_NUM_THREADS"] = "1";
            start.Environment["OPENBLAS_NUM_THREADS"] = "1";
            if (CoreType is string core) start.Environment["OPENBLAS_CORETYPE"] = core;
            try
            {
                using var process = Process.Start(start)!;
                var error = process.StandardError.ReadToEndAsync();
                string output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                return (process.ExitCode, output + error.Result);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return (-1, "");
            }
        }
    }

    static string Percent(long part, long whole) => whole == 0 ? "0 %" : $"{100.0 * part / whole:F0} %";

    static string Format(IReadOnlyList<double> seconds)
        => string.Join("  ", seconds.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s:F3} s")));

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <param name="Optimizers">Which of sgd, momentum, scratch, nesterov to train, in this order.</param>
    /// <param name="AllPaths">Also measure the AVX2 path (in a child process) when this process runs AVX-512.</param>
    /// <param name="Threads">The thread counts of the big products to measure (MatrixKernels.Threads), each in turn.</param>
    sealed record Options(int Epochs, int Rounds, IReadOnlyList<string> Optimizers, bool AgainstPyTorch, bool AllPaths,
                          long Seed, string? Folder, bool Phases, IReadOnlyList<int> Threads);

    static Options Parse(string[] args)
    {
        const string expected = "expected --epochs N, --rounds N, --optimizer sgd|momentum|scratch|nesterov|all, "
            + "--against pytorch, --path best|all, --seed N, --folder PATH, --phases, --threads 1|2|both";
        var options = new Options(Epochs: 2, Rounds: 2, OptimizerNames, AgainstPyTorch: false, AllPaths: true,
                                  Seed: 0, Folder: null, Phases: false, Threads: [MatrixKernels.Threads]);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--phases") { options = options with { Phases = true }; continue; }
            if (name is not ("--epochs" or "--rounds" or "--optimizer" or "--against" or "--path" or "--seed" or "--folder" or "--threads"))
                throw new UsageException($"unknown option '{name}' for bench train ({expected}).");
            if (i + 1 >= args.Length) throw new UsageException($"option '{name}' needs a value ({expected}).");
            string value = args[++i];
            options = name switch
            {
                "--epochs" => options with { Epochs = Positive(name, value) },
                "--rounds" => options with { Rounds = Positive(name, value) },
                "--optimizer" => options with
                {
                    Optimizers = value == "all" ? OptimizerNames
                        : OptimizerNames.Contains(value) ? [value]
                        : throw new UsageException($"--optimizer expects sgd, momentum, scratch, nesterov or all, got '{value}'."),
                },
                "--against" => value == "pytorch" ? options with { AgainstPyTorch = true }
                    : throw new UsageException($"--against expects 'pytorch', got '{value}'."),
                "--path" => value is "best" or "all" ? options with { AllPaths = value == "all" }
                    : throw new UsageException($"--path expects 'best' (this process's kernel path only) or 'all', got '{value}'."),
                "--threads" => options with
                {
                    Threads = value switch
                    {
                        "1" => [1],
                        "2" => [2],
                        "both" => [1, 2],
                        _ => throw new UsageException($"--threads expects 1, 2 or both (the big products on one thread (the default), on two, or each in turn), got '{value}'."),
                    },
                },
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
