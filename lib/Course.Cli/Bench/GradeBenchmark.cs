using System.Diagnostics;
using Course.Grading;
using Course.Notebooks.Documents;
using Course.Notebooks.Hosting;

namespace Course.Cli.Bench;

/// <summary>
/// <c>course bench grade [--key K] [--class N] [--jobs J] [--rounds R]</c>: what grading costs, with the sandbox and
/// the key's separate run.
/// 1) the key's own run, once (it is cached for every submission after it);
/// 2) per submission, one at a time: the median of R gradings (target &lt; 8 s for notebook 02), beside the peer in the
///    same run: the same notebook run plainly by the engine (no sandbox, no grading), as a ratio;
/// 3) a class of N submissions (answered, unanswered and half-answered copies) graded J at a time (target: 40 in &lt; 3 min on 2 cores).
/// </summary>
public sealed class GradeBenchmark : IBenchmark
{
    public string Name => "grade";
    public string Summary => "grading: per-submission median and a class of 40, sandboxed (--key K --class N --jobs J --rounds R)";

    public int Run(string[] args)
    {
        string keyPath = Path.Combine("notebooks", "02-the-velocity-series.ipynb");
        int size = 40, jobs = Environment.ProcessorCount, rounds = 5;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            int Count(string option) => int.TryParse(Value(), out var n) && n > 0 ? n : throw new UsageException($"{option}: expected a whole number ≥ 1.");
            switch (args[i])
            {
                case "--key": keyPath = Value(); break;
                case "--class": size = Count("--class"); break;
                case "--jobs": jobs = Count("--jobs"); break;
                case "--rounds": rounds = Count("--rounds"); break;
                default: throw new UsageException($"unknown argument '{args[i]}'.");
            }
        }
        if (!File.Exists(keyPath)) throw new UsageException($"--key {keyPath}: no such notebook (run from the repository, or pass --key).");
        var key = Assignment.Parse(NotebookFile.Read(keyPath), keyPath);
        var folder = Directory.CreateTempSubdirectory("course-bench-grade-").FullName;
        try
        {
            var submissions = WriteClass(key, folder, size);
            var grader = new Grader(new GradeOptions(TimeSpan.FromSeconds(120), StudentCommand.ChecksAssembly(),
                ReadOnly: GradeCommand.DataFolders([keyPath]), Hidden: [folder]));
            grader.RequireSandbox();
            Console.WriteLine($"course bench grade: {keyPath}, {Environment.ProcessorCount} cores, sandboxed (bubblewrap); wall-clock on a shared machine");
            Console.WriteLine($"  {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average at the start: {LoadAverage()}");

            // 1) the key, once
            var clock = Stopwatch.StartNew();
            var values = grader.KeyValuesAsync(key).GetAwaiter().GetResult();
            if (values.Problem is not null) throw new InvalidOperationException(values.Problem);
            Console.WriteLine($"  the key's own run (once per key, cached): {clock.Elapsed.TotalSeconds:F2} s");

            // 2) one submission at a time, beside the plain engine run of the same notebook
            var perSubmission = new List<double>();
            var plain = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                clock.Restart();
                var grade = grader.GradeFileAsync(key, submissions[0]).GetAwaiter().GetResult();
                perSubmission.Add(clock.Elapsed.TotalSeconds);
                if (Math.Abs(grade.Earned - key.TotalPoints) > 1e-9) throw new InvalidOperationException("the answered submission did not earn full marks:\n" + Gradebook.Table(grade));
                clock.Restart();
                NotebookRunner.RunFileAsync(submissions[0], new RunOptions(TimeSpan.FromSeconds(120), ContinueOnError: true)).GetAwaiter().GetResult();
                plain.Add(clock.Elapsed.TotalSeconds);
            }
            double median = Median(perSubmission), plainMedian = Median(plain);
            Console.WriteLine($"  one submission: median {median:F2} s over {rounds} (min {perSubmission.Min():F2}, max {perSubmission.Max():F2})   (target < 8 s)");
            Console.WriteLine($"  the same notebook run plainly by the engine (the peer): median {plainMedian:F2} s; grading / plain = {median / plainMedian:F2}");

            // 3) the class
            clock.Restart();
            int next = -1;
            var earned = new double[submissions.Count];
            var workers = Enumerable.Range(0, jobs).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < submissions.Count)
                    earned[i] = (await grader.GradeFileAsync(key, submissions[i])).Earned;
            })).ToArray();
            Task.WaitAll(workers);
            var total = clock.Elapsed;
            Console.WriteLine($"  a class of {submissions.Count}, {jobs} at a time (--jobs {jobs}): {total.TotalSeconds:F1} s ({total.TotalSeconds / submissions.Count:F2} s per submission)   (target for 40: < 180 s)");
            Console.WriteLine($"  points: {string.Join(" ", earned.GroupBy(e => e).OrderBy(g => g.Key).Select(g => $"{g.Key:0.##}×{g.Count()}"))}");
            Console.WriteLine($"  load average at the end: {LoadAverage()}");
            Console.WriteLine($"  summary: median per submission {median:F2} s; class of {submissions.Count} with --jobs {jobs}: {total.TotalSeconds:F1} s");
            return CommandLine.Ok;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A class: a third answered (the key's solutions), a third unanswered (the student version), a third
    /// with only the first exercise answered.</summary>
    static List<string> WriteClass(Assignment key, string folder, int size)
    {
        var answered = key.Notebook.WithoutOutputs();
        var unanswered = StudentVersion.Make(key);
        var half = unanswered.Clone();
        var first = key.Exercises[0].CellIndex;
        half.Cells[first].Source = answered.Cells[first].Source;
        var kinds = new[] { answered, unanswered, half };
        var paths = new List<string>();
        for (int i = 0; i < size; i++)
        {
            var path = Path.Combine(folder, $"student{i + 1:00}{Path.GetExtension(key.Path)}");
            NotebookFile.Write(kinds[i % 3], path);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg), or "unknown" off Linux.</summary>
    static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + " (1, 5, 15 min)"; }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
