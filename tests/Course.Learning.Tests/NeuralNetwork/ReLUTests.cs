using Course.NeuralNetwork;

namespace Course.Learning.Tests.NeuralNetwork;

public class ReLUTests
{
    [Fact]
    public void Forward_ZeroesNegativesAndKeepsPositives()
    {
        var relu = new ReLU(4);
        float[] y = relu.Forward([-2, -0f, 0.5f, 3], batch: 1);
        Assert.Equal([0f, 0f, 0.5f, 3f], y.AsSpan(0, 4).ToArray());
    }

    [Fact]
    public void Backward_PassesGradientOnlyWhereInputWasPositive()
    {
        var relu = new ReLU(2);
        relu.Forward([-1, 2, 3, 0], batch: 2);

        float[] dX = relu.Backward([10, 20, 30, 40], batch: 2, computeInputGradient: true)!;

        // d max(x, 0)/dx = 1 for x > 0, 0 for x < 0; PyTorch uses 0 at x = 0.
        Assert.Equal([0f, 20f, 30f, 0f], dX.AsSpan(0, 4).ToArray());
    }

    [Fact]
    public void Backward_MatchesFiniteDifferencesAwayFromTheKink()
    {
        var relu = new ReLU(6);
        float[] x = [-1.5f, -0.2f, 0.3f, 0.8f, -0.7f, 1.1f];
        float[] c = [1, 2, 3, 4, 5, 6];
        double Loss()
        {
            float[] y = relu.Forward(x, 1);
            return y.Zip(c, (a, b) => (double)a * b).Sum();
        }
        float[] dX = new float[6];
        FiniteDifferences.AssertGradient("X", Loss,
            () => { relu.Forward(x, 1); relu.Backward(c, 1, true)!.AsSpan(0, 6).CopyTo(dX); }, x, dX);
    }
}
