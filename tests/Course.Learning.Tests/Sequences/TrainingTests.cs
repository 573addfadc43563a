using Course.NeuralNetwork;
using Course.Optimizers;
using Course.Sequences;

namespace Course.Learning.Tests.Sequences;

/// <summary>Clipping, the two forms of Nesterov on the recurrent model, and a short training run on synthetic text.</summary>
public class TrainingTests
{
    static readonly int[] Stream = Enumerable.Range(0, 3000).Select(i => (i * i + 3 * i) % 13 % 9).ToArray();   // a periodic text of 9 ids

    [Fact]
    public void ClipByGlobalNorm_ScalesEveryGradientByTheSameFactor_OnlyAboveTheThreshold()
    {
        var a = new Parameter("a", 2);
        var b = new Parameter("b", 1);
        a.Grad[0] = 3; a.Grad[1] = 0; b.Grad[0] = 4;   // ‖g‖ = 5
        Assert.Equal(5f, GradientClipping.ClipByGlobalNorm([a, b], maxNorm: 10));
        Assert.Equal(new[] { 3f, 0f, 4f }, a.Grad.Concat(b.Grad).ToArray());
        Assert.Equal(5f, GradientClipping.ClipByGlobalNorm([a, b], maxNorm: 1));
        Assert.Equal(new[] { 0.6f, 0f, 0.8f }, a.Grad.Concat(b.Grad).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm([a], 0));
    }

    [Fact]
    public void SgdNesterov_StoresTheLookAheadPointOfTheSeedsNesterov_OnTheRecurrentModel()
    {
        // PyTorch's form keeps φ = θ − γ·v as its parameters; the seed's form keeps θ and v. Same batches, same start.
        const float eta = 0.2f, gamma = 0.9f;
        var settings = new SequenceTrainingSettings(Epochs: 2, Sequences: 4, Steps: 8, Seed: 3);   // 2 × 12 steps on 401 tokens
        var pytorchForm = new RnnLanguageModel(9, 4, 6, seed: 1);
        var seedForm = new RnnLanguageModel(9, 4, 6, seed: 1);
        var nesterov = new Nesterov(seedForm.Parameters, eta, gamma);
        var a = SequenceTrainer.Train(pytorchForm, new Sgd(pytorchForm.Parameters, eta, momentum: gamma, nesterov: true), Stream[..401], Stream[..200], settings);
        var b = SequenceTrainer.Train(seedForm, nesterov, Stream[..401], Stream[..200], settings);
        for (int p = 0; p < seedForm.Parameters.Count; p++)
            for (int i = 0; i < seedForm.Parameters[p].Length; i++)
            {
                float phi = seedForm.Parameters[p].Data[i] - gamma * nesterov.Velocities[p][i];
                Assert.True(Math.Abs(pytorchForm.Parameters[p].Data[i] - phi) < 1e-4, $"{seedForm.Parameters[p].Name}[{i}]: φ {pytorchForm.Parameters[p].Data[i]}, θ − γv {phi}");
            }
        Assert.Equal(a.StepLosses.Length, b.StepLosses.Length);
        Assert.True(Math.Abs(a.StepLosses[^1] - b.StepLosses[^1]) < 1e-3);
    }

    [Fact]
    public void Training_OnAPeriodicText_LearnsItFarBelowUniform_AndIsDeterministic()
    {
        var model = new RnnLanguageModel(9, 8, 16, seed: 2);
        float untrained = model.Evaluate(Stream[..300], 4, 8);
        var result = SequenceTrainer.Train(model, new Sgd(model.Parameters, 0.5f, momentum: 0.9f), Stream, Stream[..300],
                                           new SequenceTrainingSettings(Epochs: 3, Sequences: 4, Steps: 8));
        Assert.True(result.ValidationLosses[^1] < 0.5 * Math.Log(9), $"validation loss {result.ValidationLosses[^1]}, uniform {Math.Log(9):F3}");
        Assert.True(untrained > 0.9 * Math.Log(9), $"untrained loss {untrained}");
        Assert.Equal(model.Evaluate(Stream[..300], 4, 8), result.ValidationLosses[^1]);   // the result reports the trained model's loss
        Assert.Equal(93 * 4 * 8, result.TokensPerEpoch);                 // (3000 − 1) / 8 = 374 windows → 93 batches of 4
        var again = new RnnLanguageModel(9, 8, 16, seed: 2);
        var repeat = SequenceTrainer.Train(again, new Sgd(again.Parameters, 0.5f, momentum: 0.9f), Stream, Stream[..300],
                                           new SequenceTrainingSettings(Epochs: 3, Sequences: 4, Steps: 8));
        Assert.Equal(result.StepLosses, repeat.StepLosses);
    }

    [Fact]
    public void Generate_IsSeeded_AndOnlyProducesModelIds()
    {
        var model = new RnnLanguageModel(9, 4, 6, seed: 1);
        int[] first = model.Generate([1, 2, 3], 50, 0.8f, seed: 5);
        Assert.Equal(first, model.Generate([1, 2, 3], 50, 0.8f, seed: 5));
        Assert.NotEqual(first, model.Generate([1, 2, 3], 50, 0.8f, seed: 6));
        Assert.All(first, id => Assert.InRange(id, 0, 8));
        Assert.Throws<ArgumentException>(() => model.Generate([], 5));
    }
}
