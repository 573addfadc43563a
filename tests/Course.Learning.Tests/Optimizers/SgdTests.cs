using Course.NeuralNetwork;
using Course.Optimizers;

namespace Course.Learning.Tests.Optimizers;

public class SgdTests
{
    [Theory]
    [InlineData(0.1f, 1f, 10)]
    [InlineData(0.01f, 50f, 25)]
    public void Step_WithoutMomentum_IsGradientDescent(float eta, float lambda, int steps)
    {
        var f = new Quadratic(lambda);
        var theta = f.Start(2f);
        var sgd = new Sgd([theta], learningRate: eta);

        for (int t = 0; t < steps; t++) { f.Gradient(theta); sgd.Step(); }

        double expected = Math.Pow(1 - eta * lambda, steps) * 2;
        Assert.Equal(expected, theta.Data[0], 1e-5 * (1 + Math.Abs(expected)));
    }

    [Fact]
    public void Step_FollowsTorchDefinition_WithDampeningAndWeightDecay()
    {
        // μ = 0.9, τ = 0.5, λ = 0.1, η = 0.1; θ₀ = 1; gradients 2 then 4.
        var theta = new Parameter("theta", 1);
        theta.Data[0] = 1f;
        var sgd = new Sgd([theta], learningRate: 0.1f, momentum: 0.9f, dampening: 0.5f, weightDecay: 0.1f);

        theta.Grad[0] = 2f;
        sgd.Step();
        // g = 2 + 0.1·1 = 2.1; first step b = g = 2.1 (no dampening); θ = 1 − 0.1·2.1 = 0.79
        Assert.Equal(2.1f, sgd.MomentumBuffers[0][0], 1e-6f);
        Assert.Equal(0.79f, theta.Data[0], 1e-6f);

        theta.Grad[0] = 4f;
        sgd.Step();
        // g = 4 + 0.079 = 4.079; b = 0.9·2.1 + 0.5·4.079 = 3.9295; θ = 0.79 − 0.39295 = 0.39705
        Assert.Equal(3.9295f, sgd.MomentumBuffers[0][0], 1e-5f);
        Assert.Equal(0.39705f, theta.Data[0], 1e-5f);
    }

    [Fact]
    public void Step_Nesterov_FollowsTorchDefinition()
    {
        var theta = new Parameter("theta", 1);
        theta.Data[0] = 1f;
        var sgd = new Sgd([theta], learningRate: 0.1f, momentum: 0.5f, nesterov: true);

        theta.Grad[0] = 2f;
        sgd.Step();   // b = 2; θ = 1 − 0.1·(2 + 0.5·2) = 0.7
        Assert.Equal(0.7f, theta.Data[0], 1e-6f);
        theta.Grad[0] = 1f;
        sgd.Step();   // b = 0.5·2 + 1 = 2; θ = 0.7 − 0.1·(1 + 0.5·2) = 0.5
        Assert.Equal(0.5f, theta.Data[0], 1e-6f);
    }

    [Theory]
    [InlineData(0.9f, 0.01f)]
    [InlineData(0.5f, 0.2f)]
    [InlineData(0.99f, 0.001f)]
    public void Step_WithMomentum_GivesTheSameParametersAsTheSeedsMomentum(float gamma, float eta)
    {
        // Same gradients into both: b = μ·b + g, θ −= η·b is v = γ·v + η·g, θ −= v with v = η·b.
        var a = Mlp.Create(seed: 2, 6, 5, 3);
        var b = Mlp.Create(seed: 2, 6, 5, 3);
        var sgd = new Sgd(a.Parameters, learningRate: eta, momentum: gamma);
        var momentum = new Momentum(b.Parameters, eta, gamma);
        var random = new SeededRandom(3);

        for (int step = 0; step < 20; step++)
        {
            for (int p = 0; p < a.Parameters.Count; p++)
                for (int i = 0; i < a.Parameters[p].Length; i++)
                    a.Parameters[p].Grad[i] = b.Parameters[p].Grad[i] = random.Uniform(-1, 1);
            sgd.Step();
            momentum.Step();
        }

        for (int p = 0; p < a.Parameters.Count; p++)
            for (int i = 0; i < a.Parameters[p].Length; i++)
            {
                Assert.Equal(a.Parameters[p].Data[i], b.Parameters[p].Data[i], 1e-5f);
                Assert.Equal(eta * sgd.MomentumBuffers[p][i], momentum.Velocities[p][i], 1e-5f);
            }
    }
}
