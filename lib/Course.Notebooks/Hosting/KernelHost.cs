using System.Text;
using System.Threading.Channels;
using Course.Notebooks.Kernel;

namespace Course.Notebooks.Hosting;

/// <summary>
/// The child-process side of the runner (<c>dotnet Course.Notebooks.dll</c>, see <see cref="KernelHostProgram"/>): one <see cref="NotebookKernel"/> (the real .NET Interactive
/// kernel) whose relative paths start at the working directory, fed cells from stdin and answering on the process's real stdout, which is
/// taken before the console is redirected so that nothing a cell prints can break the protocol.
/// </summary>
public static class KernelHost
{
    /// <summary>Serves submissions until stdin closes (then the process exits).</summary>
    public static async Task<int> RunAsync()
    {
        var protocol = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
        var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        Console.SetOut(Console.Error); // nothing but the protocol on the real stdout
        Console.SetIn(TextReader.Null); // and stdin is the protocol's: Console.ReadLine() in a cell reads nothing
        // The runner's first line carries the session key that every event must bear (see KernelProtocol).
        var hello = await input.ReadLineAsync() is { } first ? KernelProtocol.TryParse(first) : null;
        if (hello is null || (string?)hello["op"] != "hello" || hello["key"] is null) return 2;
        var key = (string)hello["key"]!;
        using var kernel = new NotebookKernel();
        var gate = new object();
        void Send(string line) { lock (gate) protocol.WriteLine(line); }

        // Warm the kernel up first, so Roslyn's start-up (seconds of JIT) and the kernel helpers' hidden submission
        // are not charged to the notebook's first cell and its timeout. The cell declares nothing and shows nothing.
        await kernel.SubmitAsync("System.Console.Write(\"\");", _ => { });
        Send(KernelProtocol.Ready(key));
        // Submissions are read ahead; the end of stdin (the runner is done, or died) ends this process at once,
        // even in the middle of a long cell, so no kernel outlives its runner.
        var submissions = Channel.CreateUnbounded<string>();
        _ = Task.Run(async () =>
        {
            while (await input.ReadLineAsync() is { } line) await submissions.Writer.WriteAsync(line);
            lock (gate) protocol.Flush();
            Environment.Exit(0);
        });
        await foreach (var line in submissions.Reader.ReadAllAsync())
        {
            var message = KernelProtocol.TryParse(line);
            if (message is null || (string?)message["op"] != "submit") continue;
            int cell = (int)message["cell"]!;
            var code = (string?)message["code"] ?? "";
            CellOutcome outcome;
            try
            {
                outcome = await kernel.SubmitAsync(code, output => Send(KernelProtocol.Output(cell, output, key)));
            }
            catch (Exception e) // an engine fault: report it as the cell's error rather than dying silently
            {
                outcome = CellOutcome.Error("The kernel failed while running this cell: " + e);
            }
            Send(KernelProtocol.Done(cell, outcome, key));
        }
        return 0;
    }
}
