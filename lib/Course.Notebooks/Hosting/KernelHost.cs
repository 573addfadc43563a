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
        // The runner's first line carries the session key that every event must bear (see KernelMessage).
        if (await input.ReadLineAsync() is not { } first || KernelMessage.TryParse(first) is not KernelMessage.Hello { Key: var key }) return 2;
        using var kernel = new NotebookKernel();
        var gate = new object();
        void Send(KernelMessage message) { var line = message.ToLine(); lock (gate) protocol.WriteLine(line); }

        // Warm the kernel up first, so Roslyn's start-up (seconds of JIT) and the kernel helpers' hidden submission
        // are not charged to the notebook's first cell and its timeout. The cell declares nothing and shows nothing.
        await kernel.SubmitAsync("System.Console.Write(\"\");", _ => { });
        Send(new KernelMessage.Ready(key));
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
            if (KernelMessage.TryParse(line) is not KernelMessage.Submit { Cell: var cell, Code: var code }) continue;
            CellOutcome outcome;
            try
            {
                outcome = await kernel.SubmitAsync(code, output => Send(new KernelMessage.Output(key, cell, output)));
            }
            catch (Exception e) // an engine fault: report it as the cell's error rather than dying silently
            {
                outcome = CellOutcome.Error("The kernel failed while running this cell: " + e);
            }
            Send(new KernelMessage.Done(key, cell, outcome.Status, outcome.ErrorText, outcome.ErrorLine));
        }
        return 0;
    }
}
