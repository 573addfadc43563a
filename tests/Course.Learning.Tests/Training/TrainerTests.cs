using Course.NeuralNetwork;
using Course.Optimizers;
using Course.Training;

namespace Course.Learning.Tests.Training;

[Collection(MnistCollection.Name)]
public class TrainerTests(MnistFixture mnist)
{
    [Fact]
    public void Train_RecordsTheLossOfEveryStepWhoseGlobalIndexIsAMultipleOfLossEvery()
    {
        var subset = mnist.Data.Train.Take(64 * 10);           // 10 steps per epoch
        var settings = new TrainingSettings(Epochs: 2, LossEvery: 3);
        var network = Mlp.Create(0);
        var reports = new List<TrainingProgress>();

        var result = Trainer.Train(network, new Sgd(network.Parameters, 0.01f), subset, subset, settings, reports.Add);

        Assert.Equal(7, result.StepLosses.Count);              // global steps 0, 3, 6, 9, 12, 15, 18
        Assert.Equal(2, result.EpochLosses.Count);
        Assert.Equal(2, result.EpochSeconds.Count);
        Assert.All(result.EpochSeconds, s => Assert.True(s > 0));
        // Step 0's loss is the running loss after the first step.
        Assert.Equal(reports[0].RunningLoss, result.StepLosses[0], 1e-6);
    }

    [Fact]
    public void Train_WithNesterov_IsBitwiseTheLoopOfBeforeForwardAndStep_AndEndsAtTheta()
    {
        // Train fuses each Step with the next BeforeForward; the plain loop below calls them apart, as IOptimizer
        // describes a step. Same batches (same seed), so every loss and the final parameters must match bitwise.
        var subset = mnist.Data.Train.Take(64 * 5 + 10);      // 6 steps per epoch, the last one short
        var settings = new TrainingSettings(Epochs: 2, LossEvery: 1);
        var trained = Mlp.Create(3);
        var result = Trainer.Train(trained, new Nesterov(trained.Parameters, 0.05f, 0.9f), subset, subset, settings);

        var network = Mlp.Create(3);
        var nesterov = new Nesterov(network.Parameters, 0.05f, 0.9f);
        var loss = new CrossEntropyLoss(Mlp.Classes);
        var loader = new Course.Data.BatchLoader(subset, settings.BatchSize, settings.Seed, shuffle: true);
        var losses = new List<float>();
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
            foreach (var batch in loader.NextEpoch())
            {
                nesterov.BeforeForward();
                losses.Add(loss.Forward(network.Forward(batch.Inputs, batch.Count), batch.Labels, batch.Count));
                network.Backward(loss.LogitsGradient, batch.Count);
                nesterov.Step();
            }

        Assert.Equal(losses, result.StepLosses);
        for (int p = 0; p < network.Parameters.Count; p++)
            Assert.True(network.Parameters[p].Data.AsSpan().SequenceEqual(trained.Parameters[p].Data),
                $"{network.Parameters[p].Name} differs after Trainer.Train from the BeforeForward/Step loop (not at θ, or not the same θ)");
    }

    [Fact]
    public void Train_ReportsProgressEveryStep_EndingEachEpochWithItsMeanLoss()
    {
        var subset = mnist.Data.Train.Take(64 * 5 + 10);      // 6 steps, the last one of 10 images
        var network = Mlp.Create(0);
        var reports = new List<TrainingProgress>();

        var result = Trainer.Train(network, new Sgd(network.Parameters, 0.01f, momentum: 0.9f), subset, subset,
                                   new TrainingSettings(Epochs: 2), reports.Add);

        Assert.Equal(12, reports.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6], reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.Equal(6, r.StepsPerEpoch));
        Assert.Equal(result.EpochLosses[0], reports[5].RunningLoss, 1e-12);
        Assert.Equal(result.EpochLosses[1], reports[11].RunningLoss, 1e-12);
        Assert.True(reports[5].IsEpochEnd && !reports[4].IsEpochEnd);
    }

    [Fact]
    public void Train_LossTurnsNaN_ThrowsNamingTheStepAndTheOptimizer()
    {
        var subset = mnist.Data.Train.Take(64 * 10);
        var network = Mlp.Create(0);
        var optimizer = new Sgd(network.Parameters, learningRate: 0.5f, momentum: 0.9f);
        void Sabotage(TrainingProgress p)
        {
            if (p.Step == 3) network.Parameters[3].Data[0] = float.NaN;   // after step 2's update: step 3's loss is NaN
        }

        var e = Assert.Throws<TrainingDivergedException>(() =>
            Trainer.Train(network, optimizer, subset, subset, new TrainingSettings(Epochs: 1), Sabotage));

        Assert.Equal(3, e.Step);
        Assert.Contains("step 3 (epoch 1)", e.Message);
        Assert.Equal("Sgd(learningRate: 0.5, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false)", e.Optimizer);
        Assert.Contains($"with {optimizer}", e.Message);
        Assert.True(float.IsNaN(e.Loss));
    }

    [Fact]
    public void Train_HandWrittenUpdateDiverges_ThrowsNamingTheUpdateFunction()
    {
        var subset = mnist.Data.Train.Take(64 * 10);
        var network = Mlp.Create(0);
        int updates = 0;
        void Sabotage(IReadOnlyList<Parameter> ps)
        {
            if (++updates == 3) ps[3].Data[0] = float.NaN;      // after step 2's update: step 3's loss is NaN
        }

        var e = Assert.Throws<TrainingDivergedException>(() =>
            Trainer.Train(network, Sabotage, subset, subset, new TrainingSettings(Epochs: 1)));

        Assert.Equal(3, e.Step);
        Assert.Contains("step 3 (epoch 1) with a hand-written update function", e.Message);
    }

    [Fact]
    public void Evaluate_NetworkThatAlwaysSaysThree_ScoresTheShareOfThrees()
    {
        var network = Mlp.Create(0);
        Array.Clear(network.Parameters[2].Data);
        Array.Clear(network.Parameters[3].Data);
        network.Parameters[3].Data[3] = 1f;
        var test = mnist.Data.Test;

        double accuracy = Trainer.Evaluate(network, test);

        Assert.Equal(test.Labels.Count(l => l == 3) / (double)test.Count, accuracy, 1e-12);
    }

    [Fact]
    public void Train_NetworkOfTheWrongShape_ThrowsNamingBothShapes()
    {
        var network = Mlp.Create(0, inputs: 100, hidden: 20, classes: 10);
        var e = Assert.Throws<ArgumentException>(() =>
            Trainer.Train(network, new Sgd(network.Parameters), mnist.Data.Test, mnist.Data.Test));
        Assert.Contains("maps 100 inputs to 10 outputs", e.Message);
        Assert.Contains("784", e.Message);
    }

    [Theory]
    [InlineData(0, 64, "Epochs")]
    [InlineData(1, 0, "BatchSize")]
    public void Train_BadSettings_ThrowNamingTheSetting(int epochs, int batchSize, string name)
    {
        var network = Mlp.Create(0);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Trainer.Train(network, new Sgd(network.Parameters), mnist.Data.Test, mnist.Data.Test,
                          new TrainingSettings(Epochs: epochs, BatchSize: batchSize)));
        Assert.Equal(name, e.ParamName);
    }
}
