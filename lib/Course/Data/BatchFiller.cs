namespace Course.Data;

/// <summary>
/// Fills the next batch on a second thread while the caller trains on the current one, so that gathering and
/// normalizing images (about a twentieth of a training step) comes off the step's critical path on a machine with
/// two or more cores. One filler serves one epoch; disposing it waits for a fill under way and ends its thread.
/// </summary>
internal sealed class BatchFiller : IDisposable
{
    readonly MnistSet set;
    readonly int[] order;
    readonly Thread thread;
    readonly ManualResetEventSlim requested = new(false, spinCount: 2000);
    readonly ManualResetEventSlim finished = new(true, spinCount: 2000);
    Batch? target;      // the job, handed over through the two events (which are memory barriers)
    int start, count;
    bool stopping;

    public BatchFiller(MnistSet set, int[] order)
    {
        this.set = set;
        this.order = order;
        thread = new Thread(Run) { IsBackground = true, Name = "Course batch filler" };
        thread.Start();
    }

    /// <summary>Starts filling <paramref name="batch"/> with the rows <c>order[start .. start + count)</c>.</summary>
    public void Start(Batch batch, int start, int count)
    {
        finished.Reset();
        (target, this.start, this.count) = (batch, start, count);
        requested.Set();
    }

    /// <summary>Waits until the batch last started is filled.</summary>
    public void Wait() => finished.Wait();

    void Run()
    {
        while (true)
        {
            requested.Wait();
            requested.Reset();
            if (stopping) return;
            target!.Fill(set, order.AsSpan(start, count));
            finished.Set();
        }
    }

    public void Dispose()
    {
        finished.Wait();
        stopping = true;
        requested.Set();
        thread.Join();
        requested.Dispose();
        finished.Dispose();
    }
}
