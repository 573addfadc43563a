using System.Runtime.CompilerServices;
using System.Diagnostics;

namespace Course.Kernels;

/// <summary>
/// Splits a product into bands of rows of C, shared between the calling thread and a few long-lived helper
/// threads. Bands are claimed one at a time from a common counter, so whoever runs does the work: on a busy
/// machine where a helper is not scheduled in time, the caller takes every band itself and cancels the helper's
/// turn instead of waiting for it. Helpers are started once and reused, so a call allocates nothing; between
/// products a helper spins for up to half a millisecond, then sleeps.
/// </summary>
internal static class RowSplitter
{
    static readonly object Gate = new();
    static Helper[] helpers = [];

    // The product being split; written by the caller (holding Gate) before any helper is posted.
    static KernelJob current;
    static int bandRows, bandCount, nextBand;

    /// <summary>Runs <paramref name="job"/> on up to <paramref name="threads"/> threads. If another product holds
    /// the helpers, runs on the calling thread alone.</summary>
    public static void Run(in KernelJob job, int threads)
    {
        if (threads <= 1 || !Monitor.TryEnter(Gate))
        {
            job.RunRows(0, job.M);
            return;
        }
        try
        {
            if (helpers.Length < threads - 1) helpers = Grow(threads - 1);
            // about four bands per thread, each a multiple of 4 rows (the register block height)
            current = job;
            bandRows = Math.Max(4, job.M / (4 * threads) / 4 * 4);
            bandCount = (job.M + bandRows - 1) / bandRows;
            nextBand = 0;
            for (int h = 0; h < threads - 1; h++) helpers[h].Post();
            RunBands();
            Exception? error = null;
            for (int h = 0; h < threads - 1; h++) error ??= helpers[h].Finish();
            if (error is not null) throw new AggregateException("A kernel helper thread failed.", error);
        }
        finally
        {
            current = default;
            Monitor.Exit(Gate);
        }
    }

    /// <summary>Claims and computes bands until none is left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void RunBands()
    {
        int band;
        while ((band = Interlocked.Increment(ref nextBand) - 1) < bandCount)
        {
            int start = band * bandRows;
            current.RunRows(start, Math.Min(current.M, start + bandRows));
        }
    }

    static Helper[] Grow(int count)
    {
        var grown = new Helper[count];
        for (int h = 0; h < count; h++) grown[h] = h < helpers.Length ? helpers[h] : new Helper(h);
        return grown;
    }

    /// <summary>A helper thread. Its state goes Idle → Posted (by the caller) → Running (by the helper, if it
    /// wakes in time) → Done; or Posted → Idle when the caller finished every band first.</summary>
    sealed class Helper
    {
        const int Idle = 0, Posted = 1, Running = 2, Done = 3;
        int state;
        Exception? error;
        readonly ManualResetEventSlim go = new(false, spinCount: 100);

        public Helper(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Course.Kernels helper {index}" };
            thread.Start();
        }

        public void Post()
        {
            error = null;
            Volatile.Write(ref state, Posted);
            go.Set();
        }

        /// <summary>Called by the caller once no band is left: cancels a helper that never started, or waits
        /// for one that is still computing its last band. Returns the helper's exception, if any.</summary>
        public Exception? Finish()
        {
            if (Interlocked.CompareExchange(ref state, Idle, Posted) == Posted) return null;
            var spin = new SpinWait();
            while (Volatile.Read(ref state) != Done) spin.SpinOnce();
            Volatile.Write(ref state, Idle);
            return error;
        }

        void Loop()
        {
            while (true)
            {
                if (!SpinUntilPosted())
                {
                    go.Wait();
                    go.Reset();
                }
                if (Interlocked.CompareExchange(ref state, Running, Posted) != Posted) continue; // cancelled: too late
                try { RunBands(); }
                catch (Exception e) { error = e; }
                Volatile.Write(ref state, Done);
            }
        }

        /// <summary>Watches for the next product for a little while before sleeping: in a training step the big
        /// products come a few hundred microseconds apart, and waking a sleeping thread takes tens of them.</summary>
        bool SpinUntilPosted()
        {
            long deadline = Stopwatch.GetTimestamp() + SpinTicks;
            while (Volatile.Read(ref state) != Posted)
            {
                if (Stopwatch.GetTimestamp() > deadline) return false;
                Thread.SpinWait(20);
            }
            return true;
        }

        static readonly long SpinTicks = Stopwatch.Frequency / 2000; // 0.5 ms
    }
}
