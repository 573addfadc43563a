namespace Course.Data;

/// <summary>
/// Fills the next batch on a second thread while the caller trains on the current one, so that gathering and
/// normalizing images (about a twentieth of a training step) comes off the step's critical path on a machine with
/// two or more cores. Whoever gets to a batch first fills it: if the filler thread has not started on it by the time
/// the caller needs it (on a busy machine a sleeping thread can wait milliseconds for a core), the caller takes the
/// job back and fills it itself instead of waiting; it waits (spinning) only for a fill already under way. One filler serves
/// one epoch; disposing it waits for a fill under way and ends its thread.
/// </summary>
internal sealed class BatchFiller : IDisposable
{
    // The job's state: Idle → Posted (by Start) → Filling (claimed by the thread) → Done, or Posted → Idle when the
    // caller takes it back in Wait. Only the side that moves it out of Posted fills the batch.
    const int Idle = 0, Posted = 1, Filling = 2, Done = 3;

    readonly MnistSet set;
    readonly int[] order;
    readonly Thread thread;
    // A kernel event, not a ManualResetEventSlim: the latter's Set takes a Monitor when the thread is asleep on it, and
    // a contended Monitor allocates on the caller's thread (3 KB seen under load); AutoResetEvent.Set allocates nothing.
    readonly AutoResetEvent requested = new(false);
    Batch? target;      // the job, written before the state becomes Posted and read after claiming it
    int start, count, state;
    volatile bool stopping;

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
        (target, this.start, this.count) = (batch, start, count);
        Volatile.Write(ref state, Posted);
        requested.Set();
    }

    /// <summary>Returns once the batch last started is filled: by the thread, or here if the thread had not begun it;
    /// at once if none was started since the last call.</summary>
    public void Wait()
    {
        int was = Interlocked.CompareExchange(ref state, Idle, Posted);
        if (was == Idle) return;   // nothing started since the last Wait (the epoch's last batch)
        if (was == Posted)
        {
            target!.Fill(set, order.AsSpan(start, count));
            return;
        }
        // A fill under way takes microseconds, so spin for it (SpinWait yields the core, then sleeps, if it takes
        // longer). Not a blocking wait: every one (SemaphoreSlim, ManualResetEventSlim, Monitor) goes through a
        // Monitor, whose wait machinery .NET allocates on the waiting thread, in the middle of an epoch (about 4.6 KB
        // the first time in a process, then 56 bytes per new lock; the allocation tests catch it on a busy machine).
        var spin = new SpinWait();
        while (Volatile.Read(ref state) != Done) spin.SpinOnce();
        Volatile.Write(ref state, Idle);
    }

    void Run()
    {
        while (true)
        {
            requested.WaitOne();
            if (stopping) return;
            if (Interlocked.CompareExchange(ref state, Filling, Posted) != Posted) continue; // taken back, or not posted yet
            target!.Fill(set, order.AsSpan(start, count));
            Volatile.Write(ref state, Done);
        }
    }

    public void Dispose()
    {
        Wait();
        stopping = true;
        requested.Set();
        thread.Join();
        requested.Dispose();
    }
}
