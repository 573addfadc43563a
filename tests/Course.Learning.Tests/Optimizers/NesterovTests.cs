using Course.Learning.Tests.NeuralNetwork;
using Course.NeuralNetwork;
using Course.Optimizers;

namespace Course.Learning.Tests.Optimizers;

public class NesterovTests
{
    [Theory]
    [InlineData(0.01f, 0.9f)]
    [InlineData(0.015f, 0.9f)]
    [InlineData(0.005f, 0.5f)]
    public void LookAheadForm_OnQuadratic_IsTorchNesterovUnderChangeOfVariables(float eta, float gamma)
    {
        // PyTorch stores φ = θ − γ·v (the look-ahead point) and b = v/η.
        var f = new Quadratic(1f, 100f);
        var seed = f.Start(-5f, 1f);
        var torch = f.Start(-5f, 1f);
        IOptimizer nesterov = new Nesterov([seed], eta, gamma);
        var sgd = new Sgd([torch], eta, momentum: gamma, nesterov: true);

        for (int t = 1; t <= 60; t++)
        {
            nesterov.BeforeForward(); f.Gradient(seed); nesterov.Step();
            f.Gradient(torch); sgd.Step();

            var v = ((Nesterov)nesterov).Velocities[0];
            for (int i = 0; i < 2; i++)
            {
                float lookAhead = seed.Data[i] - gamma * v[i];
                Assert.True(Math.Abs(lookAhead - torch.Data[i]) < 1e-5f * (1 + Math.Abs(torch.Data[i])),
                    $"step {t}, coordinate {i}: θ − γv = {lookAhead}, PyTorch's φ = {torch.Data[i]}");
                Assert.Equal(v[i], eta * sgd.MomentumBuffers[0][i], 1e-5f * (1 + Math.Abs(v[i])));
            }
        }
    }

    [Fact]
    public void LookAheadForm_OnMlpSteps_IsTorchNesterovUnderChangeOfVariables()
    {
        const int batch = 8, inputs = 6, hidden = 7, classes = 3;
        const float eta = 0.1f, gamma = 0.9f;
        var seedNet = Mlp.Create(seed: 5, inputs, hidden, classes);
        var torchNet = Mlp.Create(seed: 5, inputs, hidden, classes);
        IOptimizer nesterov = new Nesterov(seedNet.Parameters, eta, gamma);
        IOptimizer sgd = new Sgd(torchNet.Parameters, eta, momentum: gamma, nesterov: true);
        var loss = new CrossEntropyLoss(classes);
        float[] x = FiniteDifferences.RandomArray(batch * inputs, 40, scale: 2);
        int[] labels = [0, 1, 2, 0, 1, 2, 2, 1];

        for (int step = 0; step < 6; step++)
            foreach (var (net, optimizer) in new[] { (seedNet, nesterov), (torchNet, sgd) })
            {
                optimizer.BeforeForward();
                loss.Forward(net.Forward(x, batch), labels, batch);
                net.Backward(loss.LogitsGradient, batch);
                optimizer.Step();
            }

        var velocities = ((Nesterov)nesterov).Velocities;
        for (int p = 0; p < seedNet.Parameters.Count; p++)
            for (int i = 0; i < seedNet.Parameters[p].Length; i++)
            {
                float lookAhead = seedNet.Parameters[p].Data[i] - gamma * velocities[p][i];
                Assert.Equal(torchNet.Parameters[p].Data[i], lookAhead, 1e-4f);
            }
        Assert.NotEqual(seedNet.Parameters[0].Data[0], torchNet.Parameters[0].Data[0]);   // the two forms store different points
    }

    [Fact]
    public void BeforeForward_MovesToTheLookAheadPoint_AndStepReturnsFromTheRememberedTheta()
    {
        var theta = new Parameter("theta", 1);
        theta.Data[0] = 1f;
        IOptimizer nesterov = new Nesterov([theta], learningRate: 0.1f, gamma: 0.5f);

        nesterov.BeforeForward();             // v = 0: the look-ahead point is θ itself
        Assert.Equal(1f, theta.Data[0]);
        theta.Grad[0] = 2f;
        nesterov.Step();                      // v = 0.2; θ = 0.8
        Assert.Equal(0.8f, theta.Data[0], 1e-6f);

        nesterov.BeforeForward();             // θ − γv = 0.8 − 0.1 = 0.7
        Assert.Equal(0.7f, theta.Data[0], 1e-6f);
        theta.Grad[0] = 1f;
        nesterov.Step();                      // v = 0.1 + 0.1 = 0.2; θ = 0.8 − 0.2 = 0.6
        Assert.Equal(0.6f, theta.Data[0], 1e-6f);
    }

    [Fact]
    public void Step_WithoutBeforeForward_ThrowsSayingWhatToCall()
    {
        var nesterov = new Nesterov([new Parameter("theta", 1)]);
        var e = Assert.Throws<InvalidOperationException>(nesterov.Step);
        Assert.Contains("call BeforeForward", e.Message);
    }
}
