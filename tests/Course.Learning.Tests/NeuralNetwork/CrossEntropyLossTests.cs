using Course.NeuralNetwork;
using static Course.Learning.Tests.NeuralNetwork.FiniteDifferences;

namespace Course.Learning.Tests.NeuralNetwork;

public class CrossEntropyLossTests
{
    [Fact]
    public void Forward_EqualsMeanNegativeLogSoftmaxOfTheLabels()
    {
        var loss = new CrossEntropyLoss(3);
        float[] z = [1, 2, 3, /* row 2 */ 0, 0, 0];
        int[] labels = [0, 2];

        float value = loss.Forward(z, labels, batch: 2);

        double row1 = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) - 1;   // −log softmax(z)_0
        double row2 = Math.Log(3);                                            // uniform over 3 classes
        Assert.Equal((row1 + row2) / 2, value, 1e-6);
    }

    [Fact]
    public void Forward_HugeLogits_StaysFiniteThanksToTheMaxShift()
    {
        var loss = new CrossEntropyLoss(2);
        float value = loss.Forward([1000, 0, /* row 2 */ -1000, 1000], [1, 0], batch: 2);

        // Row 1: log(e¹⁰⁰⁰ + e⁰) − 0 ≈ 1000; row 2: log(e⁻¹⁰⁰⁰ + e¹⁰⁰⁰) + 1000 ≈ 2000; a naive exp overflows to ∞.
        Assert.Equal(1500, value, 1e-3);
        Assert.Equal([1f / 2, -1f / 2, -1f / 2, 1f / 2], loss.LogitsGradient.AsSpan(0, 4).ToArray());
    }

    [Fact]
    public void LogitsGradient_IsSoftmaxMinusOneHotOverBatch_AndMatchesFiniteDifferences()
    {
        const int batch = 3, classes = 4;
        var loss = new CrossEntropyLoss(classes);
        float[] z = RandomArray(batch * classes, 21, scale: 3);
        int[] labels = [2, 0, 3];
        float[] dz = new float[batch * classes];

        AssertGradient("z", () => loss.Forward(z, labels, batch),
            () => { loss.Forward(z, labels, batch); loss.LogitsGradient.AsSpan(0, dz.Length).CopyTo(dz); }, z, dz,
            epsilon: 1e-2f, tolerance: 2e-3);
        for (int row = 0; row < batch; row++)
            Assert.Equal(0, dz.AsSpan(row * classes, classes).ToArray().Sum(), 1e-6);   // Σ_j softmax_j − 1 = 0
    }

    [Fact]
    public void Forward_LabelOutOfRange_ThrowsNamingLabelAndRow()
    {
        var loss = new CrossEntropyLoss(10);
        var e = Assert.Throws<ArgumentException>(() => loss.Forward(new float[20], [3, 10], batch: 2));
        Assert.Contains("Label 10 in row 1", e.Message);
        Assert.Contains("[0, 10)", e.Message);
    }
}
