using Course.NeuralNetwork;

namespace Course.Learning.Tests.NeuralNetwork;

public class SequentialTests
{
    /// <summary>Passes values through unchanged and records what backward was asked for.</summary>
    sealed class SpyLayer(int width) : ILayer
    {
        public List<bool> InputGradientRequests { get; } = [];
        public int InputWidth => width;
        public int OutputWidth => width;
        public IReadOnlyList<Parameter> Parameters => [];
        public float[] Forward(float[] input, int batch) => input;
        public float[]? Backward(float[] outputGradient, int batch, bool computeInputGradient)
        {
            InputGradientRequests.Add(computeInputGradient);
            return computeInputGradient ? outputGradient : null;
        }
    }

    [Fact]
    public void Backward_AsksEveryLayerButTheFirstForItsInputGradient()
    {
        var first = new SpyLayer(3);
        var middle = new SpyLayer(3);
        var last = new SpyLayer(3);
        var network = new Sequential(first, middle, last);
        network.Forward([1, 2, 3], batch: 1);

        network.Backward([1, 1, 1], batch: 1);

        Assert.Equal([false], first.InputGradientRequests);   // its input is data: dX would be wasted work
        Assert.Equal([true], middle.InputGradientRequests);
        Assert.Equal([true], last.InputGradientRequests);
    }

    [Fact]
    public void Parameters_ListLayerByLayerWeightBeforeBias()
    {
        var random = new SeededRandom(0);
        var network = new Sequential(new Linear(4, 3, random, "1"), new ReLU(3), new Linear(3, 2, random, "2"), new ReLU(2),
                                     new Linear(2, 5, random, "3"));

        Assert.Equal(["W1", "b1", "W2", "b2", "W3", "b3"], network.Parameters.Select(p => p.Name));
    }
}
