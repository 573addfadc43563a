using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Course.Kernels;

/// <summary>
/// Splits a big product into bands of rows of C, computed by the calling thread and one long-lived helper thread
/// (the second core). Whoever is running does the work, and the caller never waits for a helper that the machine
/// has stopped scheduling:
/// 1) both threads claim bands one at a time from a shared counter;
/// 2) the helper computes a band into a buffer of its own and copies it into C only if the caller has not taken the
///    band back: one compare-and-swap on the band's state decides who writes C;
/// 3) once no band is left to claim, the caller waits about one band's time for the helper's bands, then takes
///    back any the helper has not finished and computes it itself.
/// A band is computed by the same kernel with the same order of operations whichever thread runs it, so C is
/// bitwise what one thread computes.
/// <para>Between products the helper spins for a while (the big products of a training step come about a hundred
/// microseconds apart; waking a sleeping thread costs tens of them), but only after a product it helped with: on a
/// busy machine the process's threads share one slice of CPU time, and a helper that spins without helping takes
/// its spinning out of the caller's slice. A helper that came too late to take a band sleeps at once.</para>
/// </summary>
internal static class BandSplitter
{
    /// <summary>A band's state; stored with the product's generation above the low 8 bits, so that a helper still
    /// busy with an earlier product can never claim or commit a band of the current one.</summary>
    const long Free = 0, Caller = 1, Helper = 2, Committing = 3, Done = 4, TakenBack = 5;

    static readonly object Gate = new();
    static HelperThread? helper;

    // The product being split. The caller writes it while `generation` is odd and publishes it by making it even
    // (a sequence lock): the helper copies the fields, then checks that the generation has not moved.
    static long generation;
    static MatrixProduct product;
    static float[] a = [], b = [], c = [], scratch = [];
    static long[] states = [];
    static int bandRows, bandCount, nextBand;

    /// <summary>Bands so far: all of them, those the helper committed, those the caller took back (for the benchmarks).</summary>
    internal static (long Bands, long ByHelper, long TakenBack) Counts => (bands, byHelper, takenBack);
    static long bands, byHelper, takenBack;

    /// <summary>Tests only: run by the helper after computing a band and before committing it (a delay here makes
    /// the caller take bands back).</summary>
    internal static Action? BeforeCommit;

    /// <summary>Runs the product on this thread and the helper. If another thread's product holds the helper,
    /// runs on this thread alone.</summary>
    public static void Run(in MatrixProduct job, float[] aArray, float[] bArray, float[] cArray)
    {
        if (!Monitor.TryEnter(Gate))
        {
            job.RunRows(aArray, bArray, cArray, 0, job.M);
            return;
        }
        try
        {
            helper ??= new HelperThread();
            long current = Publish(job, aArray, bArray, cArray);
            helper.Wake();
            long longestBand = ClaimBands(current);
            TakeBackUnfinished(current, longestBand);
            bands += bandCount;
        }
        finally
        {
            (a, b, c) = ([], [], []);
            Monitor.Exit(Gate);
        }
    }

    /// <summary>Writes the job for the helper and returns its generation (even).</summary>
    static long Publish(in MatrixProduct job, float[] aArray, float[] bArray, float[] cArray)
    {
        long writing = generation + 1;
        Volatile.Write(ref generation, writing);       // odd: the helper leaves the fields alone
        Interlocked.MemoryBarrier();
        int rows = BandRowsFor(job.M);
        int count = (job.M + rows - 1) / rows;
        if (states.Length < count) states = new long[count];                  // grows once, then reused
        if (scratch.Length < (long)rows * job.N) scratch = new float[rows * job.N];
        (product, a, b, c, bandRows, bandCount, nextBand) = (job, aArray, bArray, cArray, rows, count, 0);
        long published = writing + 1;
        for (int band = 0; band < count; band++) states[band] = Tag(published, Free);
        Volatile.Write(ref generation, published);     // even: the job is complete
        return published;
    }

    /// <summary>About four bands per thread, each a multiple of 4 rows (the kernels' register block height).</summary>
    internal static int BandRowsFor(int m) => Math.Max(4, m / 8 / 4 * 4);

    /// <summary>The caller's share: claims and computes bands until the counter runs out; returns the longest
    /// band it took, in Stopwatch ticks.</summary>
    static long ClaimBands(long current)
    {
        long longest = 0;
        int band;
        while ((band = Interlocked.Increment(ref nextBand) - 1) < bandCount)
            if (Interlocked.CompareExchange(ref states[band], Tag(current, Caller), Tag(current, Free)) == Tag(current, Free))
                longest = Math.Max(longest, ComputeBand(band));
        return longest;
    }

    /// <summary>Waits up to about one band's time for the helper's bands, then computes any it has not finished.</summary>
    static void TakeBackUnfinished(long current, long longestBand)
    {
        long deadline = Stopwatch.GetTimestamp() + Math.Max(2 * longestBand, Stopwatch.Frequency / 20_000); // ≥ 50 µs
        for (int band = 0; band < bandCount; band++)
        {
            var spin = new SpinWait();
            while (true)
            {
                long state = Volatile.Read(ref states[band]) & 0xFF;
                if (state is Caller or Done) break;
                // Free: the helper counted it but has not claimed it yet; Helper: claimed, past its time
                long expected = Tag(current, state == Free ? Free : Helper);
                if ((state == Free || (state == Helper && Stopwatch.GetTimestamp() > deadline))
                    && Interlocked.CompareExchange(ref states[band], Tag(current, TakenBack), expected) == expected)
                {
                    if (state == Helper) takenBack++;
                    ComputeBand(band);
                    break;
                }
                spin.SpinOnce(sleep1Threshold: -1);    // Helper in time, or Committing: a copy of one band, short
            }
        }
    }

    static long ComputeBand(int band)
    {
        long start = Stopwatch.GetTimestamp();
        int first = band * bandRows;
        product.RunRows(a, b, c, first, Math.Min(product.M, first + bandRows));
        return Stopwatch.GetTimestamp() - start;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static long Tag(long generation, long state) => generation << 8 | state;

    /// <summary>The helper thread: waits for a published product, takes bands while any are left, commits each one
    /// it finishes unless the caller took it back.</summary>
    sealed class HelperThread
    {
        readonly ManualResetEventSlim wake = new(false, spinCount: 1);
        volatile bool sleeping;
        long seen;

        public HelperThread()
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "Course.Kernels band helper" };
            thread.Start();
        }

        /// <summary>Called by the caller after publishing: sets the event only if the helper went to sleep.</summary>
        public void Wake()
        {
            Interlocked.MemoryBarrier();
            if (sleeping) wake.Set();
        }

        void Loop()
        {
            bool helped = false;
            while (true)
            {
                long current = WaitForProduct(helped ? SpinTicks : 0);
                helped = false;
                // 1) copy the job; if the caller began another one meanwhile, look again
                var job = product;
                float[] aJob = a, bJob = b, cJob = c, own = scratch;
                long[] bandStates = states;
                int rows = bandRows, count = bandCount;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref generation) != current) continue;
                seen = current;
                // 2) take bands while there are any
                int band;
                while ((band = Interlocked.Increment(ref nextBand) - 1) < count && band < bandStates.Length)
                {
                    if (Interlocked.CompareExchange(ref bandStates[band], Tag(current, Helper), Tag(current, Free)) != Tag(current, Free))
                    {
                        if (Volatile.Read(ref bandStates[band]) >> 8 != current) break; // a later product: this one is over
                        continue;
                    }
                    int first = band * rows, last = Math.Min(job.M, first + rows);
                    try
                    {
                        job.RunRowsInto(aJob, bJob, own, first, last);
                    }
                    catch (Exception)
                    {
                        continue; // not committed: the caller takes the band back
                    }
                    BeforeCommit?.Invoke();
                    // 3) commit, unless the caller took the band back meanwhile
                    if (Interlocked.CompareExchange(ref bandStates[band], Tag(current, Committing), Tag(current, Helper)) != Tag(current, Helper))
                        continue;
                    own.AsSpan(0, (last - first) * job.N).CopyTo(cJob.AsSpan(first * job.N));
                    Volatile.Write(ref bandStates[band], Tag(current, Done));
                    Interlocked.Increment(ref byHelper);
                    helped = true;
                }
            }
        }

        /// <summary>Returns the generation of a published product not yet seen: spins for <paramref name="spinTicks"/>, then sleeps.</summary>
        long WaitForProduct(long spinTicks)
        {
            long deadline = Stopwatch.GetTimestamp() + spinTicks;
            while (true)
            {
                long current = Volatile.Read(ref generation);
                if (current != seen && (current & 1) == 0) return current;
                if (Stopwatch.GetTimestamp() < deadline)
                {
                    Thread.SpinWait(20);
                    continue;
                }
                sleeping = true;
                Interlocked.MemoryBarrier();
                current = Volatile.Read(ref generation);
                if (current == seen || (current & 1) == 1) wake.Wait();
                sleeping = false;
                wake.Reset();
                deadline = Stopwatch.GetTimestamp() + spinTicks;
            }
        }

        /// <summary>How long a helper that just helped watches for the next product before sleeping: 0.3 ms, longer
        /// than the gaps between the big products of a training step.</summary>
        static readonly long SpinTicks = Stopwatch.Frequency * 3 / 10_000;
    }
}
