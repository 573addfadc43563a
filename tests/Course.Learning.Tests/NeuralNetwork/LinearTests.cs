using Course.NeuralNetwork;
using static Course.Learning.Tests.NeuralNetwork.FiniteDifferences;

namespace Course.Learning.Tests.NeuralNetwork;

public class LinearTests
{
    [Fact]
    public void Forward_ComputesInputTimesWeightTransposedPlusBias()
    {
        var layer = new Linear(3, 2, seed: 1);
        layer.Weight.Data.AsSpan().SetFrom([1, 2, 3, /* row 2 */ -1, 0, 4]);   // W: (outputs=2, inputs=3)
        layer.Bias.Data.AsSpan().SetFrom([0.5f, -2]);
        float[] x = [1, 1, 1, /* row 2 */ 2, -1, 0.5f];                     // X: (batch=2, inputs=3)

        float[] y = layer.Forward(x, batch: 2);

        // y[r, j] = Σ_p x[r, p]·W[j, p] + b[j]
        Assert.Equal([6.5f, 1f, 2f, -2f], y.AsSpan(0, 4).ToArray());
    }

    [Fact]
    public void Backward_GradientsOfWeightBiasAndInput_MatchFiniteDifferences()
    {
        const int batch = 4, inputs = 5, outputs = 3;
        var layer = new Linear(inputs, outputs, seed: 7);
        float[] x = RandomArray(batch * inputs, 11);
        float[] c = RandomArray(batch * outputs, 12);   // L = Σ c·Y, so dY = c
        double Loss()
        {
            float[] y = layer.Forward(x, batch);
            double sum = 0;
            for (int i = 0; i < batch * outputs; i++) sum += (double)c[i] * y[i];
            return sum;
        }
        float[] dX = new float[batch * inputs];
        void Analytic()
        {
            layer.Forward(x, batch);
            layer.Backward(c, batch, computeInputGradient: true)!.AsSpan(0, batch * inputs).CopyTo(dX);
        }

        AssertGradient("W", Loss, Analytic, layer.Weight.Data, layer.Weight.Grad);
        AssertGradient("b", Loss, Analytic, layer.Bias.Data, layer.Bias.Grad);
        AssertGradient("X", Loss, Analytic, x, dX);
    }

    [Fact]
    public void Backward_WithoutInputGradient_ReturnsNullButStillWritesParameterGradients()
    {
        var layer = new Linear(2, 2, seed: 3);
        layer.Forward([1, 2], batch: 1);

        float[]? dX = layer.Backward([1, -1], batch: 1, computeInputGradient: false);

        Assert.Null(dX);
        Assert.Equal([1f, 2f, -1f, -2f], layer.Weight.Grad);   // dW = dYᵀ·X
        Assert.Equal([1f, -1f], layer.Bias.Grad);
    }

    [Fact]
    public void Backward_OverwritesGradientsInsteadOfAccumulating()
    {
        var layer = new Linear(2, 1, seed: 3);
        layer.Forward([1, 2], batch: 1);
        layer.Backward([1], batch: 1, computeInputGradient: false);
        layer.Backward([1], batch: 1, computeInputGradient: false);

        Assert.Equal([1f, 2f], layer.Weight.Grad);
    }

    [Fact]
    public void Forward_SmallerBatchAfterLargerOne_ReusesTheBufferAndGivesTheSameRows()
    {
        var layer = new Linear(4, 3, seed: 5);
        float[] x = RandomArray(8 * 4, 6);
        float[] large = layer.Forward(x, batch: 8);
        float[] firstTwoRows = large.AsSpan(0, 2 * 3).ToArray();

        float[] small = layer.Forward(x, batch: 2);

        Assert.Same(large, small);
        Assert.Equal(firstTwoRows, small.AsSpan(0, 2 * 3).ToArray());
    }

    [Theory]
    [InlineData(784, 200)]
    [InlineData(200, 10)]
    [InlineData(3, 1000)]
    public void Constructor_DrawsWeightsAndBiasesUniformlyWithinPyTorchBound(int inputs, int outputs)
    {
        var layer = new Linear(inputs, outputs, seed: 42);
        float bound = 1f / MathF.Sqrt(inputs);
        float[] w = layer.Weight.Data, b = layer.Bias.Data;

        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.All(b, v => Assert.InRange(v, -bound, bound));
        // Uniform on (−bound, bound): the extremes come close to ±bound and the mean is near 0, variance bound²/3.
        Assert.True(w.Max() > 0.95f * bound && w.Min() < -0.95f * bound, $"weights span [{w.Min()}, {w.Max()}], bound {bound}");
        double mean = w.Average(v => (double)v), variance = w.Average(v => (double)v * v);
        Assert.InRange(mean, -0.05 * bound, 0.05 * bound);
        Assert.InRange(variance, 0.9 * bound * bound / 3, 1.1 * bound * bound / 3);
    }

    [Fact]
    public void Constructor_SameSeedGivesSameWeights_DifferentSeedDifferentWeights()
    {
        var a = new Linear(10, 4, seed: 9);
        var b = new Linear(10, 4, seed: 9);
        var c = new Linear(10, 4, seed: 10);

        Assert.Equal(a.Weight.Data, b.Weight.Data);
        Assert.Equal(a.Bias.Data, b.Bias.Data);
        Assert.NotEqual(a.Weight.Data, c.Weight.Data);
    }

    [Fact]
    public void Constructor_ZeroInputs_ThrowsNamingTheValue()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(0, 3, seed: 1));
        Assert.Equal("inputs", e.ParamName);
        Assert.Equal(0, e.ActualValue);
    }
}

internal static class SpanTestExtensions
{
    public static void SetFrom(this Span<float> target, float[] values) => values.CopyTo(target);
}
