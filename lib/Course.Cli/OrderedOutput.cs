namespace Course.Cli;

/// <summary>
/// The console output of notebooks run side by side (<c>course run --jobs N</c>), kept in notebook order and never
/// interleaved: each notebook writes into its own slot; the first unfinished notebook in order (the head) writes
/// straight to the console, so its cells show as they end, and the others are held until every notebook before them
/// has finished, then printed as one block. With one job at a time every notebook is the head when it runs, which is
/// what sequential <c>course run</c> prints.
/// </summary>
internal sealed class OrderedOutput(int count, TextWriter output, TextWriter error)
{
    readonly Slot[] slots = Enumerable.Range(0, count).Select(_ => new Slot()).ToArray();
    readonly object gate = new();
    int head;

    /// <summary>Writes a line to notebook <paramref name="index"/>'s standard output, now or when it becomes the head.</summary>
    public void Out(int index, string line) => Write(index, line, toError: false);

    /// <summary>Writes a line to notebook <paramref name="index"/>'s standard error, now or when it becomes the head.</summary>
    public void Error(int index, string line) => Write(index, line, toError: true);

    /// <summary>Notebook <paramref name="index"/> has written everything: the next ones in order may print.</summary>
    public void Finish(int index)
    {
        lock (gate)
        {
            slots[index].Finished = true;
            while (head < count && slots[head].Finished)
            {
                head++;
                if (head < count) Flush(slots[head]); // the new head: what it wrote so far, then it writes directly
            }
        }
    }

    void Write(int index, string line, bool toError)
    {
        lock (gate)
        {
            if (index == head) (toError ? error : output).WriteLine(line);
            else slots[index].Held.Add((toError, line));
        }
    }

    void Flush(Slot slot)
    {
        foreach (var (toError, line) in slot.Held) (toError ? error : output).WriteLine(line);
        slot.Held.Clear();
    }

    sealed class Slot
    {
        public readonly List<(bool ToError, string Line)> Held = [];
        public bool Finished;
    }
}
