using Course.NeuralNetwork;
using Course.Sequences;
using static Course.Learning.Tests.NeuralNetwork.FiniteDifferences;

namespace Course.Learning.Tests.Sequences;

/// <summary>Every gradient of the recurrent model against central finite differences: each layer alone, then the whole unrolled network.</summary>
public class RecurrentGradientTests
{
    const int Batch = 3, Steps = 5, Inputs = 4, Hidden = 6;

    [Fact]
    public void ElmanRnn_BackpropagationThroughTime_MatchesFiniteDifferencesForWUbAndX()
    {
        var layer = new ElmanRnn(Inputs, Hidden, new SeededRandom(3));
        float[] x = RandomArray(Steps * Batch * Inputs, 21);
        float[] c = RandomArray(Steps * Batch * Hidden, 22);   // L = Σ c·H over every step, so dH = c at every step
        double Loss()
        {
            float[] h = layer.Forward(x, Batch, Steps);
            double sum = 0;
            for (int i = 0; i < c.Length; i++) sum += (double)c[i] * h[i];
            return sum;
        }
        var dX = new float[x.Length];
        void Analytic()
        {
            layer.Forward(x, Batch, Steps);
            layer.Backward(c, Batch, Steps, computeInputGradient: true)!.AsSpan(0, x.Length).CopyTo(dX);
        }
        AssertGradient("dW", Loss, Analytic, layer.InputWeight.Data, layer.InputWeight.Grad);
        AssertGradient("dU", Loss, Analytic, layer.RecurrentWeight.Data, layer.RecurrentWeight.Grad);
        AssertGradient("db", Loss, Analytic, layer.Bias.Data, layer.Bias.Grad);
        AssertGradient("dX", Loss, Analytic, x, dX);
    }

    [Fact]
    public void ElmanRnn_LossOnlyAtTheLastStep_StillGivesTheFirstInputAGradient()
    {
        // a wrong BPTT that forgets the carried term U·dz_{t+1} gives dX_0 = 0 here
        var layer = new ElmanRnn(Inputs, Hidden, new SeededRandom(4));
        float[] x = RandomArray(Steps * Batch * Inputs, 31);
        var c = new float[Steps * Batch * Hidden];
        RandomArray(Batch * Hidden, 32).CopyTo(c, (Steps - 1) * Batch * Hidden);
        layer.Forward(x, Batch, Steps);
        float[] dX = layer.Backward(c, Batch, Steps, computeInputGradient: true)!;
        double firstStep = dX.AsSpan(0, Batch * Inputs).ToArray().Sum(Math.Abs);
        Assert.True(firstStep > 1e-4, $"the gradient reaching x_0 from a loss at step {Steps - 1} was {firstStep}; expected it to flow back through U");
    }

    [Fact]
    public void Embedding_Backward_AddsEachPositionsGradientIntoItsTokensRow()
    {
        var embedding = new Embedding(vocabulary: 7, dimensions: 3, new SeededRandom(5));
        int[] ids = [2, 5, 2, 0, 6, 2];   // token 2 three times: its row must get the sum
        float[] c = RandomArray(ids.Length * 3, 41);
        double Loss()
        {
            float[] x = embedding.Forward(ids, ids.Length);
            double sum = 0;
            for (int i = 0; i < c.Length; i++) sum += (double)c[i] * x[i];
            return sum;
        }
        AssertGradient("dE", Loss, () => { embedding.Forward(ids, ids.Length); embedding.Backward(c, ids.Length); },
                       embedding.Table.Data, embedding.Table.Grad);
        Assert.Equal(0f, embedding.Table.Grad[1 * 3]);   // token 1 never appears
    }

    [Fact]
    public void SoftmaxCrossEntropy_Gradient_MatchesFiniteDifferences()
    {
        const int rows = 4, classes = 9;
        var loss = new SoftmaxCrossEntropy(classes);
        float[] z = RandomArray(rows * classes, 51, scale: 3);
        int[] targets = [0, 8, 3, 3];
        loss.Forward(z, targets, rows);   // allocates the gradient buffer the check reads
        AssertGradient("dz", () => loss.Forward(z, targets, rows, computeGradient: false), () => loss.Forward(z, targets, rows),
                       z, loss.LogitsGradient, epsilon: 1e-2f, tolerance: 3e-3);
    }

    [Fact]
    public void WholeUnrolledModel_EveryParameterGradient_MatchesFiniteDifferences()
    {
        var model = new RnnLanguageModel(vocabulary: 11, embedding: 4, hidden: 5, seed: 6);
        var loader = new WindowLoader(Enumerable.Range(0, 200).Select(i => (i * 7 + i / 3) % 11).ToArray(), sequences: 3, steps: 6, seed: 1);
        TokenBatch batch = loader.NextEpoch().First();
        foreach (var p in model.Parameters)
            AssertGradient(p.Name, () => model.Loss(batch), () => model.ForwardBackward(batch), p.Data, p.Grad,
                           epsilon: 1e-2f, tolerance: 5e-3, stride: p.Name == "E" ? 3 : 1);
    }
}
