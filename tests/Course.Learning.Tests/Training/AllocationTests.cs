using Course.Learning.Tests.NeuralNetwork;
using Course.NeuralNetwork;
using Course.Optimizers;
using Course.Training;

namespace Course.Learning.Tests.Training;

[Collection(MnistCollection.Name)]
public class AllocationTests(MnistFixture mnist)
{
    public static TheoryData<string> OptimizerNames => new() { "sgd", "momentum", "Momentum", "nesterov", "scratch" };

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void TrainingStep_AfterTheFirstBatchOfEachSize_AllocatesNothing(string name)
    {
        var network = Mlp.Create(seed: 1);
        var loss = new CrossEntropyLoss(Mlp.Classes);
        var velocities = Momentum.ZeroVelocities(network.Parameters);
        IOptimizer? optimizer = name switch
        {
            "sgd" => new Sgd(network.Parameters, 0.01f),
            "momentum" => new Sgd(network.Parameters, 0.01f, momentum: 0.9f),
            "Momentum" => new Momentum(network.Parameters, 0.01f, 0.9f),
            "nesterov" => new Nesterov(network.Parameters, 0.01f, 0.9f),
            _ => null,
        };
        float[] x = FiniteDifferences.RandomArray(64 * Mlp.Inputs, 5);
        int[] labels = Enumerable.Range(0, 64).Select(i => i % 10).ToArray();
        void Step(int batch)
        {
            optimizer?.BeforeForward();
            loss.Forward(network.Forward(x, batch), labels, batch);
            network.Backward(loss.LogitsGradient, batch);
            if (optimizer is null) Momentum.SgdMomentum(network.Parameters, velocities, 0.01f, 0.9f);
            else optimizer.Step();
        }
        Step(64);   // buffers sized for a full batch; the smaller last batch of an epoch reuses them
        Step(32);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) { Step(64); Step(32); }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated == 0, $"{name}: 10 training steps allocated {allocated} bytes");
    }

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void TrainerTrain_AfterTheFirstStepOfEachEpoch_AllocatesNothing(string name)
    {
        // Through Trainer.Train itself, as course train and the notebooks run it: the progress callback reads this
        // thread's allocation counter after the first step of each epoch and after its last (the callback allocates
        // nothing itself). 3 epochs of 40 steps, the last one of 10 images, so the loss list and the small batch are covered.
        var subset = mnist.Data.Train.Take(64 * 39 + 10);
        var network = Mlp.Create(seed: 2);
        var velocities = Momentum.ZeroVelocities(network.Parameters);
        long first = 0, allocated = 0;
        int measuredEpochs = 0;
        void Progress(TrainingProgress p)
        {
            if (p.Step == 1) first = GC.GetAllocatedBytesForCurrentThread();
            else if (p.IsEpochEnd) { allocated += GC.GetAllocatedBytesForCurrentThread() - first; measuredEpochs++; }
        }
        var settings = new TrainingSettings(Epochs: 3, LossEvery: 7);
        if (name == "scratch")
            Trainer.Train(network, ps => Momentum.SgdMomentum(ps, velocities, 0.01f, 0.9f), subset, subset, settings, Progress);
        else
            Trainer.Train(network, name switch
            {
                "sgd" => new Sgd(network.Parameters, 0.01f),
                "momentum" => new Sgd(network.Parameters, 0.01f, momentum: 0.9f),
                "Momentum" => new Momentum(network.Parameters, 0.01f, 0.9f),
                _ => (IOptimizer)new Nesterov(network.Parameters, 0.01f, 0.9f),
            }, subset, subset, settings, Progress);

        Assert.Equal(3, measuredEpochs);
        Assert.True(allocated == 0, $"{name}: steps 2 to 40 of 3 epochs through Trainer.Train allocated {allocated} bytes");
    }
}
