using Course.NeuralNetwork;
using static Course.Learning.Tests.NeuralNetwork.FiniteDifferences;

namespace Course.Learning.Tests.NeuralNetwork;

public class MlpTests
{
    [Fact]
    public void Create_Builds784To200To10_WithParametersInPyTorchOrder()
    {
        var network = Mlp.Create(seed: 0);

        Assert.Equal(["W1 (200×784)", "b1 (200)", "W2 (10×200)", "b2 (10)"], network.Parameters.Select(p => p.ToString()));
        Assert.Equal(784 * 200 + 200 + 200 * 10 + 10, network.Parameters.Sum(p => p.Length));
        Assert.IsType<ReLU>(network.Layers[1]);
    }

    [Fact]
    public void Create_SameSeedSameNetwork_AndLayersDrawDifferentValues()
    {
        var a = Mlp.Create(seed: 3);
        var b = Mlp.Create(seed: 3);

        Assert.Equal(a.Parameters[0].Data, b.Parameters[0].Data);
        Assert.Equal(a.Parameters[2].Data, b.Parameters[2].Data);
        // One generator feeds both layers, so W2 is not a copy of W1's first values.
        Assert.NotEqual(a.Parameters[0].Data.Take(10), a.Parameters[2].Data.Take(10));
    }

    [Fact]
    public void Backward_WholeNetworkGradients_MatchFiniteDifferences()
    {
        const int batch = 5, inputs = 6, hidden = 7, classes = 4;
        var network = Mlp.Create(seed: 8, inputs, hidden, classes);
        var loss = new CrossEntropyLoss(classes);
        float[] x = RandomArray(batch * inputs, 30, scale: 2);
        int[] labels = [0, 3, 1, 2, 3];
        double Loss() => loss.Forward(network.Forward(x, batch), labels, batch);
        void Analytic()
        {
            Loss();
            network.Backward(loss.LogitsGradient, batch);
        }

        foreach (var p in network.Parameters)
            AssertGradient(p.Name, Loss, Analytic, p.Data, p.Grad, epsilon: 1e-2f, tolerance: 5e-3);
    }

    [Fact]
    public void ZeroGrad_ClearsEveryGradient()
    {
        var network = Mlp.Create(seed: 1, 3, 4, 2);
        var loss = new CrossEntropyLoss(2);
        loss.Forward(network.Forward([1, 2, 3], 1), [1], 1);
        network.Backward(loss.LogitsGradient, 1);
        Assert.Contains(network.Parameters, p => p.Grad.Any(g => g != 0));

        network.ZeroGrad();

        Assert.All(network.Parameters, p => Assert.All(p.Grad, g => Assert.Equal(0f, g)));
    }

    [Fact]
    public void Sequential_MismatchedWidths_ThrowsNamingBothLayers()
    {
        var e = Assert.Throws<ArgumentException>(() => new Sequential(new Linear(4, 3, seed: 1), new ReLU(5)));
        Assert.Contains("expects 5 inputs", e.Message);
        Assert.Contains("produces 3", e.Message);
    }

    [Fact]
    public void Forward_InputShorterThanBatch_ThrowsWithBothSizes()
    {
        var network = Mlp.Create(seed: 1, 3, 4, 2);
        var e = Assert.Throws<ArgumentException>(() => network.Forward(new float[5], batch: 2));
        Assert.Contains("holds 5 values", e.Message);
        Assert.Contains("needs 6", e.Message);
    }
}
