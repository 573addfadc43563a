using Course.Learning.Tests.NeuralNetwork;
using Course.NeuralNetwork;
using Course.Optimizers;

namespace Course.Learning.Tests.Training;

public class AllocationTests
{
    public static TheoryData<string> OptimizerNames => new() { "sgd", "momentum", "nesterov", "scratch" };

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
}
