using Course.Kernels;
using Course.NeuralNetwork;
using Course.Optimizers;

namespace Course.Learning.Tests.Optimizers;

public class MomentumTests
{
    [Theory]
    [InlineData(0.1f, 1f, 10)]
    [InlineData(0.01f, 50f, 25)]
    [InlineData(0.5f, 3f, 7)]     // ηλ = 1.5: descent overshoots and flips sign each step
    public void Step_WithZeroGamma_IsGradientDescent_ThetaIsOneMinusEtaLambdaToTheT(float eta, float lambda, int steps)
    {
        var f = new Quadratic(lambda);
        var theta = f.Start(2f);
        var optimizer = new Momentum([theta], learningRate: eta, gamma: 0f);

        for (int t = 0; t < steps; t++) { f.Gradient(theta); optimizer.Step(); }

        double expected = Math.Pow(1 - eta * lambda, steps) * 2;
        Assert.Equal(expected, theta.Data[0], 1e-5 * (1 + Math.Abs(expected)));
    }

    [Theory]
    [InlineData(0.9f, 0.01f, 1f, 1)]
    [InlineData(0.9f, 0.01f, 1f, 3)]
    [InlineData(0.9f, 0.01f, -2f, 50)]
    [InlineData(0.5f, 0.1f, 3f, 20)]
    [InlineData(0.99f, 0.001f, 1f, 200)]
    public void Step_UnderConstantGradient_VelocityFollowsGeometricSeries(float gamma, float eta, float g, int steps)
    {
        var theta = new Parameter("theta", 1);
        var optimizer = new Momentum([theta], eta, gamma);

        for (int n = 0; n < steps; n++) { theta.Grad[0] = g; optimizer.Step(); }

        // v_n = η·g·(1 + γ + … + γⁿ⁻¹) = η·g·(1 − γⁿ)/(1 − γ)
        double expected = eta * g * (1 - Math.Pow(gamma, steps)) / (1 - gamma);
        Assert.Equal(expected, optimizer.Velocities[0][0], 1e-5 * Math.Abs(expected));
    }

    [Fact]
    public void Step_UnderConstantGradient_VelocityApproachesTenTimesAPlainStepAtGammaPointNine()
    {
        var theta = new Parameter("theta", 1);
        var optimizer = new Momentum([theta], learningRate: 0.01f, gamma: 0.9f);
        for (int n = 0; n < 300; n++) { theta.Grad[0] = 1f; optimizer.Step(); }

        Assert.Equal(10 * 0.01, optimizer.Velocities[0][0], 1e-6);
    }

    [Theory]
    [InlineData(0.01f, 0.9f, 1f, 40)]
    [InlineData(0.01f, 0.9f, 100f, 40)]    // the steep direction of the funnel: oscillates
    [InlineData(0.1f, 0.5f, 2f, 30)]
    [InlineData(0.02f, 0.95f, 50f, 60)]
    public void Step_OnQuadratic_FollowsPowersOfTheIterationMatrix(float eta, float gamma, float lambda, int steps)
    {
        // With g = λθ: v' = γv + ηλθ and θ' = θ − v' = (1 − ηλ)θ − γv, so
        // (θ', v') = M·(θ, v) with M = [[1 − ηλ, −γ], [ηλ, γ]], and (θ_t, v_t) = Mᵗ·(θ₀, 0).
        var f = new Quadratic(lambda);
        var theta = f.Start(1f);
        var optimizer = new Momentum([theta], eta, gamma);
        double[,] m = { { 1 - (double)eta * lambda, -gamma }, { (double)eta * lambda, gamma } };
        double[] state = [1, 0];

        for (int t = 1; t <= steps; t++)
        {
            f.Gradient(theta);
            optimizer.Step();
            state = [m[0, 0] * state[0] + m[0, 1] * state[1], m[1, 0] * state[0] + m[1, 1] * state[1]];
            Assert.True(Math.Abs(state[0] - theta.Data[0]) < 1e-5 * (1 + Math.Abs(state[0])),
                $"step {t}: θ = {theta.Data[0]}, Mᵗ gives {state[0]}");
            Assert.True(Math.Abs(state[1] - optimizer.Velocities[0][0]) < 1e-5 * (1 + Math.Abs(state[1])),
                $"step {t}: v = {optimizer.Velocities[0][0]}, Mᵗ gives {state[1]}");
        }
    }

    [Fact]
    public void Step_OnIllConditionedFunnel_ReachesTheMinimumFasterThanPlainDescent()
    {
        // λ = 1 along x, 100 along y, η = 0.015 (just under the stability limit 2/100 for plain descent).
        var f = new Quadratic(1f, 100f);
        var plain = f.Start(-5f, 1f);
        var heavy = f.Start(-5f, 1f);
        var sgd = new Momentum([plain], 0.015f, gamma: 0f);
        var momentum = new Momentum([heavy], 0.015f, gamma: 0.9f);

        for (int t = 0; t < 100; t++)
        {
            f.Gradient(plain); sgd.Step();
            f.Gradient(heavy); momentum.Step();
        }

        Assert.True(Math.Abs(heavy.Data[0]) < Math.Abs(plain.Data[0]) / 10,
            $"after 100 steps x is {heavy.Data[0]} with momentum and {plain.Data[0]} without");
    }

    public static TheoryData<string, int> PathsAndLengths()
    {
        var data = new TheoryData<string, int>();
        foreach (var path in KernelPaths.Supported())
            foreach (int length in new[] { 1, 7, 8, 15, 16, 17, 33, 2000, 156800 })
                data.Add(path.ToString(), length);
        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndLengths))]
    public void Step_OnEveryPath_IsBitwiseThePlainLoop(string path, int length)
    {
        // Scalar is Step's loop alone; the vector paths run the kernel on whole vectors and the loop on the tail.
        var theta = new Parameter("theta", length);
        var random = new SeededRandom(length);
        for (int i = 0; i < length; i++) (theta.Data[i], theta.Grad[i]) = (random.Uniform(-1, 1), random.Uniform(-1, 1));
        var optimizer = new Momentum([theta], learningRate: 0.05f, gamma: 0.9f);
        for (int i = 0; i < length; i++) optimizer.Velocities[0][i] = random.Uniform(-1, 1);
        float[] expectedTheta = (float[])theta.Data.Clone(), expectedVelocity = (float[])optimizer.Velocities[0].Clone();

        for (int step = 0; step < 3; step++)
        {
            for (int i = 0; i < length; i++)
            {
                expectedVelocity[i] = 0.9f * expectedVelocity[i] + 0.05f * theta.Grad[i];
                expectedTheta[i] -= expectedVelocity[i];
            }
            optimizer.Step(Enum.Parse<KernelPath>(path));
        }

        AssertBitwise(expectedTheta, theta.Data, $"theta on {path}, length {length}");
        AssertBitwise(expectedVelocity, optimizer.Velocities[0], $"velocity on {path}, length {length}");
    }

    static void AssertBitwise(float[] expected, float[] actual, string what)
    {
        int i = Enumerable.Range(0, expected.Length).FirstOrDefault(
            i => BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]), -1);
        Assert.True(i < 0, i < 0 ? "" : $"{what}: first difference at [{i}]: {actual[i]:R}, expected {expected[i]:R}");
    }

    [Fact]
    public void Step_IsBitwiseTheSeedsHandWrittenSgdMomentum()
    {
        // Widths chosen so that every parameter has SIMD blocks and a scalar tail (1850, 37, 370, 10 values).
        var a = Mlp.Create(seed: 4, 50, 37, 10);
        var b = Mlp.Create(seed: 4, 50, 37, 10);
        var optimizer = new Momentum(a.Parameters, 0.05f, 0.9f);
        var velocities = Momentum.ZeroVelocities(b.Parameters);
        var random = new SeededRandom(1);

        for (int step = 0; step < 5; step++)
        {
            for (int p = 0; p < a.Parameters.Count; p++)
                for (int i = 0; i < a.Parameters[p].Length; i++)
                    a.Parameters[p].Grad[i] = b.Parameters[p].Grad[i] = random.Uniform(-1, 1);
            optimizer.Step();
            Momentum.SgdMomentum(b.Parameters, velocities, 0.05f, 0.9f);
        }

        for (int p = 0; p < a.Parameters.Count; p++)
        {
            Assert.Equal(a.Parameters[p].Data, b.Parameters[p].Data);
            Assert.Equal(optimizer.Velocities[p], velocities[p]);
        }
        Assert.NotEqual(0f, velocities[0][0]);
    }

    [Fact]
    public void ZeroVelocities_AreZeroAndShapedLikeEachParameter()
    {
        var network = Mlp.Create(seed: 0);
        var velocities = Momentum.ZeroVelocities(network.Parameters);

        Assert.Equal(network.Parameters.Select(p => p.Length), velocities.Select(v => v.Length));
        Assert.All(velocities, v => Assert.All(v, x => Assert.Equal(0f, x)));
    }

    [Fact]
    public void SgdMomentum_VelocityOfWrongLength_ThrowsNamingTheParameter()
    {
        var theta = new Parameter("W1", 2, 3);
        var e = Assert.Throws<ArgumentException>(() => Momentum.SgdMomentum([theta], [new float[5]], 0.01f, 0.9f));
        Assert.Contains("5 values", e.Message);
        Assert.Contains("W1 (2×3) has 6", e.Message);
    }
}
