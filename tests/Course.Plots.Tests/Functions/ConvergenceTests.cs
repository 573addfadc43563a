using Complex = System.Numerics.Complex;
using Course.Functions;
using Course.Plots;
using MathNet.Numerics.LinearAlgebra;

namespace Course.Plots.Tests.Functions;

/// <summary>The closed forms of notebook 08 held against iteration: the seed-form matrices against stepping, the
/// closed-form eigenvalues against MathNet, the optimal settings against a grid search and against measured runs.</summary>
public class ConvergenceTests
{
    [Theory]
    [InlineData(4.0, 0.52, 0.5)]
    [InlineData(0.2, 0.05, 0.9)]
    [InlineData(4.0, 0.8, 0.2)]   // diverging: the powers must still follow the iteration
    public void SeedFormPowers_ReproduceMomentumAndNesterovStepByStep(double lambda, double eta, double gamma)
    {
        var f = new Quadratic2D(lambda, lambda);
        var momentum = Trajectories.Momentum(f, new Point2D(1.5, 1.5), eta, gamma, 30);
        var nesterov = Trajectories.Nesterov(f, new Point2D(1.5, 1.5), eta, gamma, 30);
        var state = Vector<double>.Build.Dense(new[] { 0.0, 1.5 });
        for (int t = 0; t <= 30; t++)
        {
            double m = (IterationMatrix.MomentumSeedForm(lambda, eta, gamma).Power(t) * state)[1];
            double n = (IterationMatrix.NesterovSeedForm(lambda, eta, gamma).Power(t) * state)[1];
            Assert.True(Math.Abs(m - momentum.Points[t].X1) <= 1e-9 * Math.Max(1, Math.Abs(m)), $"momentum x_{t}: M^t gives {m}, stepping {momentum.Points[t].X1}");
            Assert.True(Math.Abs(n - nesterov.Points[t].X1) <= 1e-9 * Math.Max(1, Math.Abs(n)), $"Nesterov x_{t}: M^t gives {n}, stepping {nesterov.Points[t].X1}");
        }
    }

    [Theory]
    [InlineData(4.0, 0.52, 0.5)]
    [InlineData(0.2, 0.05, 0.9)]
    [InlineData(1.0, 0.01, 0.5)]
    [InlineData(1.0, 3.2, 0.5)]
    public void SeedForm_HasTheSameEigenvaluesAsThePositionForm_AndTheClosedFormMatchesMathNet(double lambda, double eta, double gamma)
    {
        var seed = IterationMatrix.MomentumSeedForm(lambda, eta, gamma);
        Assert.Equal(IterationMatrix.SpectralRadius(IterationMatrix.Momentum(lambda, eta, gamma)), IterationMatrix.SpectralRadius(seed), 9);
        Assert.Equal(IterationMatrix.SpectralRadius(IterationMatrix.Nesterov(lambda, eta, gamma)),
            IterationMatrix.SpectralRadius(IterationMatrix.NesterovSeedForm(lambda, eta, gamma)), 9);
        var (a, b) = IterationMatrix.Eigenvalues2x2(seed);
        var mathNet = seed.Evd().EigenValues.OrderBy(z => z.Real).ThenBy(z => z.Imaginary).ToArray();
        var closed = new[] { a, b }.Select(z => new Complex(z.Real, z.Imaginary)).OrderBy(z => z.Real).ThenBy(z => z.Imaginary).ToArray();
        for (int i = 0; i < 2; i++)
            Assert.True(Complex.Abs(mathNet[i] - closed[i]) < 1e-9, $"eigenvalue {i}: closed form {closed[i]}, MathNet {mathNet[i]}");
        Assert.Equal(gamma, (closed[0] * closed[1]).Real, 12); // det M = γ
        Assert.Equal(Complex.Abs(new Complex(a.Real, a.Imaginary)), a.Magnitude, 12);
        Assert.Equal(new Complex(b.Real, b.Imaginary).Phase, b.Phase, 12);
    }

    [Theory]
    [InlineData(0.2, 0.05, 0.9)]
    [InlineData(4.0, 0.05, 0.9)]
    [InlineData(1.0, 0.3, 0.6)]
    public void NesterovRate_WithComplexEigenvalues_IsSqrtGammaTimesOneMinusEtaLambda(double lambda, double eta, double gamma)
    {
        var m = IterationMatrix.NesterovSeedForm(lambda, eta, gamma);
        Assert.NotEqual(0, IterationMatrix.Eigenvalues2x2(m).First.Imaginary, 6);
        Assert.Equal(Math.Sqrt(gamma * (1 - eta * lambda)), IterationMatrix.SpectralRadius(m), 10);
    }

    [Theory]
    [InlineData(0.01, 0.5, MomentumRegime.Monotone)]
    [InlineData(1.0, 0.5, MomentumRegime.Ripples)]
    [InlineData(2.95, 0.5, MomentumRegime.Oscillation)]
    [InlineData(3.2, 0.5, MomentumRegime.Divergence)]
    [InlineData(1.8, 0.0, MomentumRegime.Oscillation)]
    [InlineData(0.5, 0.0, MomentumRegime.Monotone)]
    public void Regime_FollowsTheBordersOfThePhaseDiagram(double etaLambda, double gamma, MomentumRegime expected)
    {
        Assert.Equal(expected, IterationMatrix.Regime(1, etaLambda, gamma));
        // the borders as the notebook states them
        bool complex = etaLambda > Math.Pow(1 - Math.Sqrt(gamma), 2) && etaLambda < Math.Pow(1 + Math.Sqrt(gamma), 2);
        Assert.Equal(complex, expected == MomentumRegime.Ripples);
        Assert.Equal(etaLambda >= 2 + 2 * gamma, expected == MomentumRegime.Divergence);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void MomentumLearningRateLimit_IsWhereTheSpectralRadiusReachesOne(double gamma)
    {
        double limit = MomentumTuning.MomentumLearningRateLimit(4, gamma);
        Assert.True(IterationMatrix.SpectralRadius(IterationMatrix.Momentum(4, 0.999 * limit, gamma)) < 1);
        Assert.True(IterationMatrix.SpectralRadius(IterationMatrix.Momentum(4, 1.001 * limit, gamma)) > 1);
    }

    [Theory]
    [InlineData(0.2, 4.0)]
    [InlineData(1.0, 100.0)]
    [InlineData(2.0, 3.0)]
    public void BestSettings_BeatEveryPointOfAGrid_AndGiveRateSqrtKappaMinusOneOverPlusOne(double lambdaMin, double lambdaMax)
    {
        var f = new Quadratic2D(lambdaMin, lambdaMax);
        double kappa = lambdaMax / lambdaMin;
        double eta = MomentumTuning.BestLearningRate(lambdaMin, lambdaMax), gamma = MomentumTuning.BestGamma(kappa);
        double rate = IterationMatrix.MomentumRate(f, eta, gamma);
        Assert.Equal((Math.Sqrt(kappa) - 1) / (Math.Sqrt(kappa) + 1), rate, 6);
        Assert.Equal(MomentumTuning.BestRate(kappa), Math.Sqrt(gamma), 12);
        double etaStep = 2 * eta / 100;
        for (int i = 1; i <= 100; i++)
            for (int j = 0; j < 100; j++)
                Assert.True(IterationMatrix.MomentumRate(f, i * etaStep, j * 0.01) >= rate - 1e-6,
                    $"η = {i * etaStep}, γ = {j * 0.01} beats the closed-form optimum {rate}");
        // gradient descent's best
        Assert.Equal(MomentumTuning.GradientDescentBestRate(kappa),
            IterationMatrix.MomentumRate(f, MomentumTuning.GradientDescentBestLearningRate(lambdaMin, lambdaMax), 0), 12);
    }

    [Fact]
    public void BestRate_IsTheMeasuredRateOfALongRun_OnTheFunnelAndTheTurnedFunnel()
    {
        double c = Math.Cos(Math.PI / 6), s = Math.Sin(Math.PI / 6);
        var turned = new Quadratic2D(0.2 * c * c + 4 * s * s, (0.2 - 4) * c * s, 0.2 * s * s + 4 * c * c);
        double eta = MomentumTuning.BestLearningRate(0.2, 4), gamma = MomentumTuning.BestGamma(20);
        foreach (var f in new[] { Quadratic2D.Funnel, turned })
        {
            var d = Trajectories.Momentum(f, new Point2D(-10, 1), eta, gamma, 400).DistancesToMinimum;
            double measured = Math.Pow(d[400] / d[200], 1.0 / 200);
            // the double eigenvalue adds a factor t: (400/200)^(1/200) = 1.0035 above ρ
            Assert.InRange(measured, MomentumTuning.BestRate(20), MomentumTuning.BestRate(20) * 1.006);
        }
        var gd = Trajectories.GradientDescent(Quadratic2D.Funnel, new Point2D(-10, 1), MomentumTuning.GradientDescentBestLearningRate(0.2, 4), 50).DistancesToMinimum;
        Assert.Equal(MomentumTuning.GradientDescentBestRate(20), Math.Pow(gd[50] / gd[0], 1.0 / 50), 9);
    }

    [Fact]
    public void GradientWeights_AreEtaGammaToTheTau_AndSumToTheEffectiveStep()
    {
        var w = MomentumTuning.GradientWeights(0.01, 0.9, 400);
        Assert.Equal(0.01 * Math.Pow(0.9, 3), w[3], 15);
        Assert.Equal(MomentumTuning.EffectiveLearningRate(0.01, 0.9), w.Sum(), 12);
        // the velocity under gradients g_1 … g_t is Σ η γ^τ g_{t−τ}
        var g = new[] { 1.0, -2.0, 0.5, 3.0 };
        double v = 0;
        foreach (var gi in g) v = 0.9 * v + 0.01 * gi;
        Assert.Equal(v, Enumerable.Range(0, 4).Sum(tau => w[tau] * g[3 - tau]), 15);
    }

    [Fact]
    public void NoisyGradient_HasTheExactGradientAsMean_AndSigmaAsSpread_AndRepeatsWithItsSeed()
    {
        var noisy = new NoisyGradient(Quadratic2D.Funnel, sigma: 2, seed: 7);
        var at = new Point2D(1, 1);
        var draws = Enumerable.Range(0, 40_000).Select(_ => noisy.Gradient(at) - Quadratic2D.Funnel.Gradient(at)).ToArray();
        double mean = draws.Average(d => d.X1), variance = draws.Average(d => d.X2 * d.X2);
        Assert.InRange(mean, -0.05, 0.05);        // 4 standard errors of 2/√40000 = 0.01
        Assert.InRange(variance, 4 * 0.97, 4 * 1.03);
        var again = new NoisyGradient(Quadratic2D.Funnel, 2, seed: 7);
        Assert.Equal(noisy.Sigma, again.Sigma);
        Assert.Equal(new NoisyGradient(Quadratic2D.Funnel, 2, 7).Gradient(at), again.Gradient(at));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoisyGradient(Quadratic2D.Funnel, -1, 0));
    }

    [Fact]
    public void WithNoisyGradients_MomentumSteps_HaveOneMinusGammaOverOnePlusGamma_TheVarianceOfGradientDescentsAtTheSameEffectiveStep()
    {
        // along the flat direction (ηλ small) the noise dominates each step: Var(GD step) = η_eff²σ², Var(momentum step) = η²σ²/(1 − γ²)
        var gd = Trajectories.GradientDescent(new NoisyGradient(Quadratic2D.Funnel, 1, seed: 1), Point2D.Zero, 0.1, 100_000).Displacements;
        var momentum = Trajectories.Momentum(new NoisyGradient(Quadratic2D.Funnel, 1, seed: 1), Point2D.Zero, 0.01, 0.9, 100_000).Displacements;
        double Var(IReadOnlyList<Point2D> steps) { double m = steps.Average(p => p.X1); return steps.Average(p => (p.X1 - m) * (p.X1 - m)); }
        Assert.InRange(Var(gd), 0.01 * 0.97, 0.01 * 1.05);
        Assert.InRange(Var(momentum) / Var(gd), 0.1 / 1.9 * 0.93, 0.1 / 1.9 * 1.07);
    }

    [Fact]
    public void Displacements_AreTheDifferencesOfConsecutivePoints()
    {
        var path = Trajectories.Momentum(Quadratic2D.Funnel, new Point2D(-10, 1), 0.05, 0.9, 5);
        Assert.Equal(5, path.Displacements.Count);
        Assert.Equal(path.Points[3] - path.Points[2], path.Displacements[2]);
    }

    [Fact]
    public void MomentumTuning_RejectsSettingsOutsideItsDomain()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MomentumTuning.BestGamma(0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => MomentumTuning.BestLearningRate(4, 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => MomentumTuning.EffectiveLearningRate(0.1, 1));
    }

    [Fact]
    public void RateMap_ColoursEachCellWithTheSpectralRadius_AndGammaSlider_HoldsOneRunPerGamma()
    {
        var z = RateMap.Grid(new[] { 0.5, 1.0, 3.5 }, new[] { 0.0, 0.5 }, (h, g) => IterationMatrix.SpectralRadius(IterationMatrix.Momentum(1, h, g)));
        Assert.Equal(0.5, z[0][0], 4);            // γ = 0: |1 − ηλ|
        Assert.Equal(Math.Sqrt(0.5), z[1][1], 4); // ripples: √γ
        Assert.Equal(RateMap.RateCeiling, z[1][2]); // divergence, capped
        var slider = GammaSlider.Plot(Quadratic2D.Funnel, new Point2D(-10, 1), 0.3, new[] { 0.0, 0.5, 0.9 }, 10, initial: 1);
        Assert.Equal(3, Course.Plots.Tests.Plots.PlotJson.Layout(slider).GetProperty("sliders")[0].GetProperty("steps").GetArrayLength());
        var json = System.Text.Json.JsonDocument.Parse(GammaSlider.SlidersJson(
            new[] { Trajectories.Momentum(Quadratic2D.Funnel, new Point2D(-10, 1), 0.3, 0.5, 10) }, new[] { 0.5 }, 0));
        var step = json.RootElement[0].GetProperty("steps")[0];
        Assert.Equal("0.5", step.GetProperty("label").GetString());
        Assert.Equal(11, step.GetProperty("args")[0].GetProperty("x")[0].GetArrayLength());
    }
}
