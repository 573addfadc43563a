using Course.NeuralNetwork;

namespace Course.Learning.Tests.NeuralNetwork;

/// <summary>Central differences (f(x+ε) − f(x−ε)) / 2ε, with the loss evaluated in double, compared with an analytic gradient.</summary>
internal static class FiniteDifferences
{
    public static double Derivative(Func<double> loss, float[] values, int index, float epsilon)
    {
        float saved = values[index];
        values[index] = saved + epsilon;
        double up = loss();
        values[index] = saved - epsilon;
        double down = loss();
        values[index] = saved;
        return (up - down) / (2.0 * epsilon);
    }

    /// <summary>Checks every entry (or every <paramref name="stride"/>-th) and fails listing the first mismatches.</summary>
    public static void AssertGradient(string what, Func<double> loss, Action computeAnalytic, float[] values, float[] analytic,
                                      float epsilon = 1e-3f, double tolerance = 2e-3, int stride = 1)
    {
        computeAnalytic();
        var expected = (float[])analytic.Clone();
        var mismatches = new List<string>();
        for (int i = 0; i < values.Length; i += stride)
        {
            double numeric = Derivative(loss, values, i, epsilon);
            if (Math.Abs(numeric - expected[i]) > tolerance * (1 + Math.Abs(numeric)))
                mismatches.Add($"{what}[{i}]: analytic {expected[i]:G6}, numeric {numeric:G6}");
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} gradient mismatches, first: {string.Join("; ", mismatches.Take(5))}");
    }

    public static float[] RandomArray(int length, long seed, float scale = 1f)
    {
        var random = new SeededRandom(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = random.Uniform(-scale, scale);
        return values;
    }
}
