namespace Course.Kernels;

/// <summary>
/// Splits a product by bands of rows of C over the calling thread and a few long-lived helper threads.
/// Helpers are started once and reused, so a parallel call allocates nothing; a helper spins briefly
/// before sleeping, because a training step calls the kernels back to back.
/// </summary>
internal static class RowSplitter
{
    static readonly object Gate = new();
    static Helper[] helpers = [];

    /// <summary>Runs <paramref name="job"/> on up to <paramref name="threads"/> threads, each a band of rows
    /// that is a multiple of 4 (the register block height). If another product holds the helpers, runs
    /// on the calling thread alone.</summary>
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
            int band = (job.M + threads - 1) / threads;
            band = (band + 3) / 4 * 4;
            int started = 0;
            for (int start = band; start < job.M; start += band)
                helpers[started++].Post(job, start, Math.Min(job.M, start + band));
            job.RunRows(0, Math.Min(job.M, band));
            Exception? error = null;
            for (int h = 0; h < started; h++) error ??= helpers[h].WaitDone();
            if (error is not null) throw new AggregateException("A kernel helper thread failed.", error);
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    static Helper[] Grow(int count)
    {
        var grown = new Helper[count];
        for (int h = 0; h < count; h++) grown[h] = h < helpers.Length ? helpers[h] : new Helper(h);
        return grown;
    }

    sealed class Helper
    {
        readonly ManualResetEventSlim go = new(false, spinCount: 2000);
        readonly ManualResetEventSlim done = new(false, spinCount: 2000);
        KernelJob job;
        int rowStart, rowEnd;
        Exception? error;

        public Helper(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Course.Kernels helper {index}" };
            thread.Start();
        }

        public void Post(in KernelJob job, int rowStart, int rowEnd)
        {
            this.job = job; this.rowStart = rowStart; this.rowEnd = rowEnd; error = null;
            go.Set();
        }

        public Exception? WaitDone()
        {
            done.Wait();
            done.Reset();
            return error;
        }

        void Loop()
        {
            while (true)
            {
                go.Wait();
                go.Reset();
                try { job.RunRows(rowStart, rowEnd); }
                catch (Exception e) { error = e; }
                done.Set();
            }
        }
    }
}
