using System.Diagnostics;
using Course.Kernels;

namespace Course.Cli.Bench;

/// <summary>
/// <c>course bench kernels [--rounds N]</c>: microseconds and GFLOP/s of the five matrix products of one
/// training step of the seed's 784-200-10 MLP at batch 64, each the best of many short windows, on the kernel path
/// this process runs (<c>DOTNET_EnableAVX512=0</c> forces the AVX2 path on an AVX-512 CPU).
/// </summary>
public sealed class KernelBenchmark : IBenchmark
{
    public string Name => "kernels";
    public string Summary => "µs and GFLOP/s of each matrix product of a training step (--rounds N)";

    /// <summary>A product of the step: which call, its sizes (C is m×n, k summed) and what it computes.</summary>
    sealed record Product(string What, string Call, int M, int K, int N)
    {
        public double Flops => 2.0 * M * K * N;
    }

    static readonly Product[] Step =
    [
        new("forward X·W1ᵀ", "MultiplyTransposedB", 64, 784, 200),
        new("backward dW1 = dYᵀ·X", "MultiplyTransposedA", 200, 64, 784),
        new("forward H·W2ᵀ", "MultiplyTransposedB", 64, 200, 10),
        new("backward dW2 = dYᵀ·H", "MultiplyTransposedA", 10, 64, 200),
        new("backward dX2 = dY·W2", "Multiply", 64, 10, 200),
    ];

    public int Run(string[] args)
    {
        int rounds = Parse(args);
        Console.WriteLine($"course bench kernels: kernels {MatrixKernels.InstructionSet}, {Environment.ProcessorCount} cores; "
            + $"best of {rounds} windows of about 0.5 ms each, µs per call");
        int threads = MatrixKernels.Threads;
        foreach (var product in Step)
        {
            // the big products on one thread and on two (MatrixKernels.Threads = 2), one after the other
            bool split = (long)product.M * product.K * product.N >= MatrixKernels.SplitThreshold && Environment.ProcessorCount > 1;
            foreach (int t in split ? new[] { 1, 2 } : [1])
            {
                MatrixKernels.Threads = t;
                var before = BandSplitter.Counts;
                double micros = Time(product, rounds);
                var after = BandSplitter.Counts;
                Console.WriteLine($"  {product.What,-22} {product.M,3}×{product.K,3}×{product.N,3}   {micros,7:F1} µs {product.Flops / micros / 1e3,6:F1} GFLOP/s"
                    + (split ? $"  ({t} thread{(t > 1 ? "s" : "")}" : "")
                    + (t > 1 ? $"; helper computed {Percent(after.ByHelper - before.ByHelper, after.Bands - before.Bands)} of the bands, "
                        + $"{after.TakenBack - before.TakenBack} taken back)" : split ? ")" : ""));
            }
            MatrixKernels.Threads = threads;
        }
        // the update of every parameter of the MLP (159,010 values), per optimizer
        var network = Course.NeuralNetwork.Mlp.Create(0);
        foreach (var p in network.Parameters) { p.Grad.AsSpan().Fill(1e-3f); }
        var velocities = Course.Optimizers.Momentum.ZeroVelocities(network.Parameters);
        var updates = new (string Name, Action Step)[]
        {
            ("Momentum.Step", new Course.Optimizers.Momentum(network.Parameters, 1e-6f, 0.5f).Step),
            ("Sgd(momentum).Step", new Course.Optimizers.Sgd(network.Parameters, 1e-6f, momentum: 0.5f).Step),
            ("SgdMomentum (hand-written)", () => Course.Optimizers.Momentum.SgdMomentum(network.Parameters, velocities, 1e-6f, 0.5f)),
            ("Nesterov Before+Step", NesterovStep(new Course.Optimizers.Nesterov(network.Parameters, 1e-6f, 0.5f))),
            ("Nesterov StepThenBeforeForward", NesterovFused(new Course.Optimizers.Nesterov(network.Parameters, 1e-6f, 0.5f))),
        };
        foreach (var (name, step) in updates)
        {
            double micros = TimeCall(step, calls: 2, rounds);
            Console.WriteLine($"  update {name,-30} {micros,7:F1} µs");
        }
        Console.WriteLine("  (wall-clock on a shared machine: compare lines of one run, not runs)");
        return CommandLine.Ok;
    }

    /// <summary>The best time per call over <paramref name="rounds"/> windows, each enough calls for about 0.5 ms.</summary>
    static double Time(Product product, int rounds)
    {
        var random = new Random(1);
        float[] Fill(int length) => Enumerable.Range(0, length).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        int aLength = product.M * product.K, bLength = product.K * product.N;
        float[] a = Fill(aLength), b = Fill(bLength), c = new float[product.M * product.N];
        Action call = product.Call switch
        {
            "MultiplyTransposedB" => () => MatrixKernels.MultiplyTransposedB(a, b, c, product.M, product.K, product.N),
            "MultiplyTransposedA" => () => MatrixKernels.MultiplyTransposedA(a, b, c, product.M, product.K, product.N),
            _ => () => MatrixKernels.Multiply(a, b, c, product.M, product.K, product.N),
        };
        int calls = Math.Max(1, (int)(0.5e-3 * 1e11 / product.Flops)); // about 0.5 ms at 100 GFLOP/s: short enough to fit between other programs' turns
        return TimeCall(call, calls, rounds);
    }

    static string Percent(long part, long whole) => whole == 0 ? "0 %" : $"{100.0 * part / whole:F0} %";

    static Action NesterovStep(Course.Optimizers.Nesterov nesterov) => () => { nesterov.BeforeForward(); nesterov.Step(); };

    /// <summary>The trainer's call between two steps: Nesterov's update and the next look-ahead in one pass.</summary>
    static Action NesterovFused(Course.Optimizers.Nesterov nesterov)
    {
        nesterov.BeforeForward();
        return nesterov.StepThenBeforeForward;
    }

    /// <summary>The best time per call of <paramref name="call"/> over <paramref name="rounds"/> windows of <paramref name="calls"/> calls.</summary>
    static double TimeCall(Action call, int calls, int rounds)
    {
        for (int warm = 0; warm < 200; warm++) call();
        double best = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++) call();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls);
        }
        return best;
    }

    static int Parse(string[] args)
    {
        if (args.Length == 0) return 1000;
        if (args.Length != 2 || args[0] != "--rounds") throw new UsageException($"unknown option '{args[0]}' for bench kernels (expected --rounds N).");
        return int.TryParse(args[1], out int n) && n >= 1 ? n : throw new UsageException($"--rounds expects a positive whole number, got '{args[1]}'.");
    }
}
