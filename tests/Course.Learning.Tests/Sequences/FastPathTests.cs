using Course.NeuralNetwork;
using Course.Sequences;
using static Course.Learning.Tests.NeuralNetwork.FiniteDifferences;

namespace Course.Learning.Tests.Sequences;

/// <summary>The fast paths (matrix kernels, vector exp and tanh) held equal to the readable formulas.</summary>
public class FastPathTests
{
    static void AssertClose(string what, float[] expected, float[] actual, int length, double tolerance)
    {
        var bad = Enumerable.Range(0, length).Where(i => Math.Abs(expected[i] - actual[i]) > tolerance * (1 + Math.Abs(expected[i])))
                            .Select(i => $"{what}[{i}]: reference {expected[i]:G7}, fast {actual[i]:G7}").Take(5).ToList();
        Assert.True(bad.Count == 0, string.Join("; ", bad));
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(4, 7, 5, 9)]
    [InlineData(32, 24, 32, 64)]
    public void ElmanRnn_ForwardAndBackward_EqualThePlainLoops(int batch, int steps, int inputs, int hidden)
    {
        var layer = new ElmanRnn(inputs, hidden, new SeededRandom(9));
        float[] x = RandomArray(steps * batch * inputs, 61);
        float[] dH = RandomArray(steps * batch * hidden, 62);
        float[] h = layer.Forward(x, batch, steps);
        float[] dX = layer.Backward(dH, batch, steps, computeInputGradient: true)!;

        float[] hRef = ElmanRnnReference.Forward(layer.InputWeight.Data, layer.RecurrentWeight.Data, layer.Bias.Data, x, inputs, hidden, batch, steps);
        var (dW, dU, db, dXRef) = ElmanRnnReference.Backward(layer.InputWeight.Data, layer.RecurrentWeight.Data, x, hRef, dH, inputs, hidden, batch, steps);

        AssertClose("H", hRef, h, hRef.Length, 1e-5);
        AssertClose("dW", dW, layer.InputWeight.Grad, dW.Length, 1e-4);
        AssertClose("dU", dU, layer.RecurrentWeight.Grad, dU.Length, 1e-4);
        AssertClose("db", db, layer.Bias.Grad, db.Length, 1e-4);
        AssertClose("dX", dXRef, dX, dXRef.Length, 1e-4);
    }

    [Fact]
    public void SoftmaxCrossEntropy_EqualsTheReferenceCrossEntropyLoss()
    {
        const int rows = 37, classes = 1001;   // odd sizes: the vector loops' scalar tails run too
        float[] z = RandomArray(rows * classes, 71, scale: 8);
        int[] targets = Enumerable.Range(0, rows).Select(i => i * 29 % classes).ToArray();
        var fast = new SoftmaxCrossEntropy(classes);
        var reference = new CrossEntropyLoss(classes);
        float fastLoss = fast.Forward(z, targets, rows), referenceLoss = reference.Forward(z, targets, rows);
        Assert.True(Math.Abs(fastLoss - referenceLoss) < 1e-5 * referenceLoss, $"loss: fast {fastLoss}, reference {referenceLoss}");
        AssertClose("dz", reference.LogitsGradient, fast.LogitsGradient, rows * classes, 1e-6);
    }

    [Fact]
    public void VectorExpAndTanh_EqualMathF_OverTheirRange()
    {
        float[] x = Enumerable.Range(0, 2001).Select(i => -100f + i * 0.1f).ToArray();
        var y = new float[x.Length];
        SequenceKernels.ExpShifted(x, 0f, y);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Exp(Math.Clamp(x[i], -87, 88));
            Assert.True(Math.Abs(y[i] - expected) <= 3e-7 * expected, $"exp({x[i]}): vector {y[i]:G9}, Math.Exp {expected:G9}");
        }
        float[] t = x.Select(v => v / 10).ToArray();
        SequenceKernels.Tanh(t);
        for (int i = 0; i < x.Length; i++)
            Assert.True(Math.Abs(t[i] - Math.Tanh(x[i] / 10)) < 2e-7, $"tanh({x[i] / 10}): vector {t[i]:G9}, Math.Tanh {Math.Tanh(x[i] / 10):G9}");
    }
}
