using System.Text;

namespace Course.Notebooks.Kernel;

/// <summary>
/// The cell that is running: where its console text and displayed values go. It flows with the
/// async context of the submission (so two kernels in one process don't mix outputs); code running
/// outside that flow (a thread started without it) falls back to the cell running now, if any.
/// </summary>
internal sealed class CellContext
{
    static readonly AsyncLocal<CellContext?> current = new();
    static volatile CellContext? running;
    static int nextDisplayId;

    readonly Action<KernelOutput> onOutput;
    readonly object gate = new();
    readonly StringBuilder pendingOut = new(), pendingError = new();

    CellContext(Action<KernelOutput> onOutput) => this.onOutput = onOutput;

    /// <summary>The running cell of this async flow, else the cell running now, else null (the console as it was).</summary>
    public static CellContext? Current => current.Value ?? running;

    /// <summary>Makes a new context current for the calling async flow.</summary>
    public static CellContext Enter(Action<KernelOutput> onOutput)
    {
        var context = new CellContext(onOutput);
        current.Value = context;
        running = context;
        ConsoleRouter.Install();
        return context;
    }

    /// <summary>Console text: whole lines are sent at once, the rest waits for a newline, a display or the end.</summary>
    public void Write(string stream, string text)
    {
        lock (gate)
        {
            var (pending, other, otherName) = stream == "stderr" ? (pendingError, pendingOut, "stdout") : (pendingOut, pendingError, "stderr");
            if (other.Length > 0) // keep the order in which the two streams were written
            {
                onOutput(new StreamedOutput(otherName, other.ToString()));
                other.Clear();
            }
            pending.Append(text);
            int lastNewline = text.LastIndexOf('\n');
            if (lastNewline < 0) return;
            // Everything up to the last newline in the buffer goes out now.
            int cut = pending.ToString().LastIndexOf('\n') + 1;
            var complete = pending.ToString(0, cut);
            pending.Remove(0, cut);
            onOutput(new StreamedOutput(stream, complete));
        }
    }

    /// <summary>Shows formatted data; returns its display id.</summary>
    public string Display(IReadOnlyDictionary<string, string> data)
    {
        var id = "display-" + Interlocked.Increment(ref nextDisplayId);
        lock (gate)
        {
            FlushLocked();
            onOutput(new DisplayedOutput(data, id));
        }
        return id;
    }

    /// <summary>Replaces the output shown under <paramref name="displayId"/>.</summary>
    public void Update(string displayId, IReadOnlyDictionary<string, string> data)
    {
        lock (gate)
        {
            FlushLocked();
            onOutput(new DisplayedOutput(data, displayId, IsUpdate: true));
        }
    }

    /// <summary>Sends console text still waiting for a newline.</summary>
    public void Flush()
    {
        lock (gate) FlushLocked();
    }

    void FlushLocked()
    {
        if (pendingOut.Length > 0) { onOutput(new StreamedOutput("stdout", pendingOut.ToString())); pendingOut.Clear(); }
        if (pendingError.Length > 0) { onOutput(new StreamedOutput("stderr", pendingError.ToString())); pendingError.Clear(); }
    }

    /// <summary>Flushes and stops being the current context of this flow.</summary>
    public void Exit()
    {
        Flush();
        if (current.Value == this) current.Value = null;
        if (running == this) running = null;
    }
}
