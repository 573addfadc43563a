using System.Text;

namespace Course.Learning.Tests.Kernels;

/// <summary>Random operands and an element-by-element comparison of a fast product with the reference.</summary>
internal static class KernelComparison
{
    /// <summary>Uniform values in [-1, 1) from a fixed seed, so every run sees the same numbers.</summary>
    public static float[] Random(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    /// <summary>A buffer of <paramref name="count"/> NaNs: any element a kernel forgets to write stays NaN.</summary>
    public static float[] NaNs(int count) => Enumerable.Repeat(float.NaN, count).ToArray();

    /// <summary>
    /// Fails, listing the first mismatches, unless every element agrees with the reference within
    /// 1e-5 of Σ|a||b| for that element (the scale of float rounding when the k terms are summed in a
    /// different order). <paramref name="magnitude"/>[i] is that Σ|a||b|. A missing or doubled term is
    /// about Σ|a||b|/k, far above the tolerance for every k used here.
    /// </summary>
    public static void AssertClose(float[] expected, float[] actual, double[] magnitude, int n, string what)
    {
        var message = new StringBuilder();
        int mismatches = 0;
        for (int e = 0; e < expected.Length; e++)
        {
            double tolerance = 1e-5 * magnitude[e] + 1e-7;
            if (Math.Abs((double)actual[e] - expected[e]) <= tolerance) continue; // NaN fails this test too
            if (++mismatches <= 5)
                message.AppendLine($"  C[{e / n},{e % n}] = {actual[e]:R}, reference {expected[e]:R} (tolerance {tolerance:G3})");
        }
        Assert.True(mismatches == 0, $"{what}: {mismatches} of {expected.Length} elements differ from the reference; first ones:\n{message}");
    }

    /// <summary>Σ_p |A(i,p)|·|B(p,j)| for every element of C, with A and B read through index functions.</summary>
    public static double[] Magnitude(int m, int k, int n, Func<int, int, float> aAt, Func<int, int, float> bAt)
    {
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += Math.Abs(aAt(i, p)) * Math.Abs(bAt(p, j));
                result[i * n + j] = sum;
            }
        return result;
    }
}
