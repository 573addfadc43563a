using Course.NeuralNetwork;
using Course.Optimizers;
using Course.Kernels;
using static Course.Learning.Tests.Kernels.KernelComparison;

namespace Course.Learning.Tests.Kernels;

/// <summary>The element-wise fast paths, bitwise equal to their plain loops on every instruction set.</summary>
public class ElementwiseKernelsTests
{
    public static TheoryData<string, int> PathsAndLengths()
    {
        var data = new TheoryData<string, int>();
        foreach (var path in KernelPaths.Supported())
            foreach (int length in new[] { 0, 1, 7, 8, 15, 17, 33, 200, 2000, 156800 })
                data.Add(path.ToString(), length);
        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndLengths))]
    public void MomentumStep_OnEveryPath_IsBitwiseTheSeedsLoop(string path, int length)
    {
        var theta = Random(length, 1); var grad = Random(length, 2); var velocity = Random(length, 3);
        float[] expectedTheta = (float[])theta.Clone(), expectedVelocity = (float[])velocity.Clone();
        const float eta = 0.01f, gamma = 0.9f;
        for (int i = 0; i < length; i++)
        {
            expectedVelocity[i] = gamma * expectedVelocity[i] + eta * grad[i];
            expectedTheta[i] -= expectedVelocity[i];
        }

        ElementwiseKernels.MomentumStep(theta, grad, velocity, eta, gamma, Enum.Parse<KernelPath>(path));

        AssertBitwise(expectedVelocity, velocity, $"velocity on {path}, length {length}");
        AssertBitwise(expectedTheta, theta, $"theta on {path}, length {length}");
    }

    public static TheoryData<string> Paths() => new(KernelPaths.Supported().Select(p => p.ToString()));

    [Theory]
    [MemberData(nameof(Paths))]
    public void MomentumStep_OnEveryPath_IsBitwiseMomentumStep(string path)
    {
        // Widths chosen so that every parameter has SIMD blocks and a scalar tail (1850, 37, 370, 10 values).
        var network = Mlp.Create(seed: 4, 50, 37, 10);
        var optimizer = new Momentum(network.Parameters, learningRate: 0.05f, gamma: 0.9f);
        var theta = network.Parameters.Select(p => (float[])p.Data.Clone()).ToArray();
        var velocity = Momentum.ZeroVelocities(network.Parameters);

        for (int step = 0; step < 5; step++)
        {
            for (int p = 0; p < theta.Length; p++)
            {
                Random(theta[p].Length, 10 * step + p).CopyTo(network.Parameters[p].Grad, 0);
                ElementwiseKernels.MomentumStep(theta[p], network.Parameters[p].Grad, velocity[p], 0.05f, 0.9f, Enum.Parse<KernelPath>(path));
            }
            optimizer.Step();
        }

        for (int p = 0; p < theta.Length; p++)
        {
            AssertBitwise(optimizer.Velocities[p], velocity[p], $"velocity of {network.Parameters[p].Name} on {path}");
            AssertBitwise(network.Parameters[p].Data, theta[p], $"{network.Parameters[p].Name} on {path}");
        }
        Assert.NotEqual(0f, velocity[0][0]);
    }

    [Theory]
    [MemberData(nameof(PathsAndLengths))]
    public void AddToEveryRowAndColumnSums_OnEveryPath_AreBitwiseThePlainLoops(string path, int cols)
    {
        if (cols > 2000) return; // the matrix tests need no 156,800 columns
        const int rows = 5;
        var matrix = Random(rows * cols, 4); var bias = Random(cols, 5);
        var expectedRows = (float[])matrix.Clone();
        var expectedSums = new float[cols];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++)
            {
                expectedSums[j] += matrix[r * cols + j];
                expectedRows[r * cols + j] += bias[j];
            }

        var sums = NaNs(cols);
        ElementwiseKernels.ColumnSums(matrix, sums, rows, cols, Enum.Parse<KernelPath>(path));
        ElementwiseKernels.AddToEveryRow(matrix, bias, rows, cols, Enum.Parse<KernelPath>(path));

        AssertBitwise(expectedSums, sums, $"column sums on {path}, {rows}×{cols}");
        AssertBitwise(expectedRows, matrix, $"bias added on {path}, {rows}×{cols}");
    }

    [Theory]
    [MemberData(nameof(PathsAndLengths))]
    public void ReluBothWays_OnEveryPath_AreBitwiseThePlainLoops(string path, int length)
    {
        var x = Random(length, 6);
        for (int i = 0; i < length; i += 5) x[i] = i % 3 == 0 ? -0f : i % 3 == 1 ? float.NaN : 0f; // the edge cases of "> 0"
        var dY = Random(length, 7);
        var expectedY = x.Select(v => v > 0 ? v : 0f).ToArray();
        var expectedDx = expectedY.Select((y, i) => y > 0 ? dY[i] : 0f).ToArray();

        var y = NaNs(length); var dX = NaNs(length);
        ElementwiseKernels.Relu(x, y, Enum.Parse<KernelPath>(path));
        ElementwiseKernels.ReluBackward(y, dY, dX, Enum.Parse<KernelPath>(path));

        AssertBitwise(expectedY, y, $"ReLU on {path}, length {length}");
        AssertBitwise(expectedDx, dX, $"ReLU backward on {path}, length {length}");
    }

    [Theory]
    [MemberData(nameof(PathsAndLengths))]
    public void SgdStep_OnEveryPath_IsBitwiseSgdsFormula(string path, int length)
    {
        // every branch of PyTorch's SGD: plain, momentum (first step and later), dampening, weight decay, Nesterov
        var cases = new (float Mu, float Tau, float Lambda, bool Nesterov)[]
            { (0, 0, 0, false), (0.9f, 0, 0, false), (0.9f, 0.3f, 0.01f, false), (0.8f, 0, 0.02f, true), (0, 0, 0.05f, false) };
        foreach (var (mu, tau, lambda, nesterov) in cases)
        {
            var theta = Random(length, 1); var buffer = Random(length, 3);
            float[] expectedTheta = (float[])theta.Clone(), expectedBuffer = (float[])buffer.Clone();
            for (int step = 0; step < 2; step++)
            {
                var grad = Random(length, 2 + step);
                Sgd.Update(expectedTheta, grad, expectedBuffer, 0.01f, mu, tau, lambda, first: step == 0, nesterov);
                ElementwiseKernels.SgdStep(theta, grad, buffer, 0.01f, mu, tau, lambda, first: step == 0, nesterov, Enum.Parse<KernelPath>(path));
            }
            string what = $"on {path}, length {length}, μ {mu}, τ {tau}, λ {lambda}, nesterov {nesterov}";
            AssertBitwise(expectedBuffer, buffer, "buffer " + what);
            AssertBitwise(expectedTheta, theta, "theta " + what);
        }
    }

    [Theory]
    [MemberData(nameof(PathsAndLengths))]
    public void NesterovKernels_OnEveryPath_AreBitwiseNesterovsFormula(string path, int length)
    {
        var parameter = Random(length, 4); var velocity = Random(length, 5); var grad = Random(length, 6);
        float[] expectedParameter = (float[])parameter.Clone(), expectedVelocity = (float[])velocity.Clone();
        float[] theta = NaNs(length), expectedTheta = NaNs(length);

        Nesterov.LookAhead(expectedParameter, expectedTheta, expectedVelocity, 0.9f);
        ElementwiseKernels.LookAhead(parameter, theta, velocity, 0.9f, Enum.Parse<KernelPath>(path));
        AssertBitwise(expectedTheta, theta, $"remembered θ on {path}, length {length}");
        AssertBitwise(expectedParameter, parameter, $"look-ahead point on {path}, length {length}");

        Nesterov.Update(expectedParameter, expectedVelocity, expectedTheta, grad, 0.01f, 0.9f);
        ElementwiseKernels.NesterovStep(parameter, velocity, theta, grad, 0.01f, 0.9f, Enum.Parse<KernelPath>(path));
        AssertBitwise(expectedVelocity, velocity, $"velocity on {path}, length {length}");
        AssertBitwise(expectedParameter, parameter, $"parameter after the step on {path}, length {length}");
    }

    [Theory]
    [MemberData(nameof(PathsAndLengths))]
    public void NesterovStepAndLookAhead_OnEveryPath_IsBitwiseTheUpdateThenTheLookAhead(string path, int length)
    {
        // Three parameters: the one-pass formula, the kernel, and the two passes it replaces (Update, then LookAhead).
        var velocity = Random(length, 7); var grad = Random(length, 8); var theta = Random(length, 9);
        float[] parameter = NaNs(length);
        float[] formulaParameter = NaNs(length), formulaVelocity = (float[])velocity.Clone(), formulaTheta = (float[])theta.Clone();
        float[] twoPassParameter = NaNs(length), twoPassVelocity = (float[])velocity.Clone(), twoPassTheta = NaNs(length);

        Nesterov.Update(twoPassParameter, twoPassVelocity, theta, grad, 0.01f, 0.9f);
        Nesterov.LookAhead(twoPassParameter, twoPassTheta, twoPassVelocity, 0.9f);
        Nesterov.UpdateAndLookAhead(formulaParameter, formulaVelocity, formulaTheta, grad, 0.01f, 0.9f);
        ElementwiseKernels.NesterovStepAndLookAhead(parameter, velocity, theta, grad, 0.01f, 0.9f, Enum.Parse<KernelPath>(path));

        AssertBitwise(twoPassVelocity, formulaVelocity, $"formula's velocity, length {length}");
        AssertBitwise(twoPassTheta, formulaTheta, $"formula's remembered θ, length {length}");
        AssertBitwise(twoPassParameter, formulaParameter, $"formula's look-ahead point, length {length}");
        AssertBitwise(twoPassVelocity, velocity, $"velocity on {path}, length {length}");
        AssertBitwise(twoPassTheta, theta, $"remembered θ on {path}, length {length}");
        AssertBitwise(twoPassParameter, parameter, $"look-ahead point on {path}, length {length}");
    }

    [Fact]
    public void NesterovStepThenBeforeForward_ThreeSteps_IsBitwiseStepThenBeforeForward()
    {
        // What Trainer.Train calls between two steps against the two calls; widths give every parameter a scalar tail.
        var fused = Mlp.Create(seed: 7, 50, 37, 10).Parameters;
        var apart = Mlp.Create(seed: 7, 50, 37, 10).Parameters;
        var one = new Nesterov(fused, 0.05f, 0.9f);
        var two = new Nesterov(apart, 0.05f, 0.9f);
        one.BeforeForward(); two.BeforeForward();
        for (int step = 0; step < 3; step++)
        {
            for (int p = 0; p < fused.Count; p++)
            {
                Random(fused[p].Length, 30 * step + p).CopyTo(fused[p].Grad, 0);
                fused[p].Grad.CopyTo(apart[p].Grad, 0);
            }
            one.StepThenBeforeForward();
            two.Step(); two.BeforeForward();
            for (int p = 0; p < fused.Count; p++)
            {
                AssertBitwise(apart[p].Data, fused[p].Data, $"{apart[p].Name} at the look-ahead point after step {step}");
                AssertBitwise(two.Velocities[p], one.Velocities[p], $"velocity of {apart[p].Name} after step {step}");
            }
        }
        one.Step(); two.Step();
        for (int p = 0; p < fused.Count; p++) AssertBitwise(apart[p].Data, fused[p].Data, $"{apart[p].Name} at θ after the last Step");
        Assert.NotEqual(Mlp.Create(seed: 7, 50, 37, 10).Parameters[0].Data[0], fused[0].Data[0]);
    }

    [Theory]
    [InlineData("Sgd")]
    [InlineData("Momentum")]
    [InlineData("Nesterov")]
    public void OptimizerStep_OnTheFastPath_IsBitwiseItsFormula(string name)
    {
        // Sgd.Step, Momentum.Step and Nesterov.BeforeForward/Step run the kernels; the readable loops are Sgd.Update,
        // Momentum.SgdMomentum and Nesterov.LookAhead/Update. Twin networks, the same gradients, three steps.
        // Widths chosen so that every parameter has SIMD blocks and a scalar tail (1850, 37, 370, 10 values).
        var fast = Mlp.Create(seed: 6, 50, 37, 10).Parameters;
        var plain = Mlp.Create(seed: 6, 50, 37, 10).Parameters;
        IOptimizer optimizer = name switch
        {
            "Sgd" => new Sgd(fast, 0.05f, momentum: 0.9f, weightDecay: 0.01f),
            "Momentum" => new Momentum(fast, 0.05f, 0.9f),
            _ => new Nesterov(fast, 0.05f, 0.9f),
        };
        var state = plain.Select(p => new float[p.Length]).ToArray();      // b or v of the plain loops
        var remembered = plain.Select(p => new float[p.Length]).ToArray(); // Nesterov's θ
        for (int step = 0; step < 3; step++)
        {
            optimizer.BeforeForward();
            if (name == "Nesterov")
                for (int p = 0; p < plain.Count; p++) Nesterov.LookAhead(plain[p].Data, remembered[p], state[p], 0.9f);
            for (int p = 0; p < plain.Count; p++)
            {
                AssertBitwise(plain[p].Data, fast[p].Data, $"{name}: {plain[p].Name} where the gradient is taken, step {step}");
                Random(plain[p].Length, 20 * step + p).CopyTo(plain[p].Grad, 0);
                plain[p].Grad.CopyTo(fast[p].Grad, 0);
            }
            optimizer.Step();
            if (name == "Momentum") Momentum.SgdMomentum(plain, state, 0.05f, 0.9f);
            for (int p = 0; p < plain.Count && name != "Momentum"; p++)
                if (name == "Sgd") Sgd.Update(plain[p].Data, plain[p].Grad, state[p], 0.05f, 0.9f, 0, 0.01f, first: step == 0, nesterov: false);
                else Nesterov.Update(plain[p].Data, state[p], remembered[p], plain[p].Grad, 0.05f, 0.9f);
        }
        for (int p = 0; p < plain.Count; p++) AssertBitwise(plain[p].Data, fast[p].Data, $"{name}: {plain[p].Name} after 3 steps");
        Assert.NotEqual(Mlp.Create(seed: 6, 50, 37, 10).Parameters[0].Data[0], fast[0].Data[0]);
    }

    [Fact]
    public void MomentumStep_WithMismatchedLengths_ThrowsNamingThem()
    {
        var error = Assert.Throws<ArgumentException>(() => ElementwiseKernels.MomentumStep(new float[4], new float[3], new float[4], 0.01f, 0.9f));
        Assert.Contains("got 4, 3 and 4", error.Message);
    }

    [Fact]
    public void ColumnSums_WithShortSums_ThrowsNamingTheCount()
    {
        var error = Assert.Throws<ArgumentException>(() => ElementwiseKernels.ColumnSums(new float[6], new float[2], 2, 3));
        Assert.Equal("sums", error.ParamName);
        Assert.Contains("needs 3 values", error.Message);
    }

    static void AssertBitwise(float[] expected, float[] actual, string what)
    {
        int first = Enumerable.Range(0, expected.Length)
            .FirstOrDefault(i => BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]), -1);
        Assert.True(first < 0, first < 0 ? "" : $"{what}: element {first} is {actual[first]:R}, the plain loop gives {expected[first]:R}");
    }
}
