using System.Diagnostics;
using Course.Notebooks.Documents;
using Course.Notebooks.Hosting;
using Course.Notebooks.Kernel;

namespace Course.Cli.Bench;

/// <summary>
/// <c>course bench engine [--cells N]</c>: the notebook engine's overhead.
/// 1) per-cell time after the first cell, for trivial cells (a declaration, then an expression that is displayed),
///    through the whole runner path: protocol, child process, compile, run, format (target ≤ 50 ms);
/// 2) a notebook of 20 trivial cells end to end, kernel process start-up included (target ≤ 5 s), both through
///    <see cref="NotebookRunner"/> in this process and as a separate <c>course run</c> process;
/// 3) a cell printing 20 000 lines, through the runner;
/// 4) for reference, the in-process kernel's per-cell time (no child process, no protocol).
/// </summary>
public sealed class EngineBenchmark : IBenchmark
{
    public string Name => "engine";
    public string Summary => "notebook engine: per-cell overhead after the first cell, 20-cell notebook end to end (--cells N)";

    public int Run(string[] args)
    {
        int cells = 20;
        if (args is ["--cells", var text] && (!int.TryParse(text, out cells) || cells < 2))
            throw new UsageException($"--cells '{text}': expected a whole number ≥ 2.");
        else if (args.Length > 0 && args is not ["--cells", _])
            throw new UsageException($"unknown arguments '{string.Join(' ', args)}'; expected [--cells N].");

        var folder = Directory.CreateTempSubdirectory("course-bench-engine-").FullName;
        try
        {
            var path = Path.Combine(folder, "trivial.dib");
            NotebookFile.Write(TrivialNotebook(cells), path);
            Console.WriteLine($"course bench engine: a notebook of {cells} trivial C# cells ({Environment.ProcessorCount} cores; "
                + "wall-clock on a shared machine: noisy, take the best of a few runs)");

            // 1) and 2): the runner, child process and all
            var clock = Stopwatch.StartNew();
            var result = NotebookRunner.RunFileAsync(path).GetAwaiter().GetResult();
            var wall = clock.Elapsed;
            if (!result.Succeeded) throw new InvalidOperationException("the benchmark notebook failed: " + result.FirstFailure?.Message);
            var after = result.Cells.Skip(1).Select(c => c.Duration.TotalMilliseconds).Order().ToList();
            Console.WriteLine($"  per cell after the first (runner, child process): median {after[after.Count / 2]:F1} ms, "
                + $"mean {after.Average():F1} ms, max {after[^1]:F1} ms   (target ≤ 50 ms); first cell {result.Cells[0].Duration.TotalMilliseconds:F0} ms");
            Console.WriteLine($"  whole notebook through NotebookRunner, kernel start-up included: {wall.TotalSeconds:F2} s   (target ≤ 5 s)");
            Console.WriteLine($"  whole notebook as `course run` (a new process, .NET start-up included): {CourseRunSeconds(path, folder):F2} s");

            // 3) a cell that prints 20 000 lines (a chatty training loop): protocol and output merging stay linear
            var chatty = Path.Combine(folder, "chatty.dib");
            NotebookFile.Write(new Notebook([NotebookCell.Code("1"), NotebookCell.Code("for (int i = 0; i < 20_000; i++) Console.WriteLine($\"step {i}: loss {1.0 / (i + 1):F6}\");")]), chatty);
            var printed = NotebookRunner.RunFileAsync(chatty).GetAwaiter().GetResult();
            Console.WriteLine($"  a cell printing 20 000 lines: {printed.Cells[1].Duration.TotalMilliseconds:F0} ms "
                + $"({printed.Cells[1].Duration.TotalMilliseconds * 1000 / 20_000:F1} µs per line)");

            // 4) the kernel alone
            using var kernel = new NotebookKernel();
            var code = TrivialNotebook(cells).Cells.Select(c => c.Source).ToList();
            kernel.SubmitAsync(code[0], _ => { }).GetAwaiter().GetResult();
            var times = new List<double>();
            foreach (var cell in code.Skip(1))
            {
                clock.Restart();
                kernel.SubmitAsync(cell, _ => { }).GetAwaiter().GetResult();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"  per cell after the first (kernel in this process): median {times[times.Count / 2]:F1} ms, mean {times.Average():F1} ms");
            return CommandLine.Ok;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Cells alternating a declaration and an expression shown through the Formatter.</summary>
    static Notebook TrivialNotebook(int cells) => new(Enumerable.Range(0, cells).Select(i =>
        NotebookCell.Code(i % 2 == 0 ? $"var x{i} = {i};" : $"x{i - 1} * 2")));

    static double CourseRunSeconds(string notebook, string folder)
    {
        var self = typeof(EngineBenchmark).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet", [self, "run", notebook, "--out", Path.Combine(folder, "out")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"course run exited with {process.ExitCode}");
        return clock.Elapsed.TotalSeconds;
    }
}
