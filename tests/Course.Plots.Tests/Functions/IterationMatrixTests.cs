using Course.Functions;
using MathNet.Numerics.LinearAlgebra;

namespace Course.Plots.Tests.Functions;

public class IterationMatrixTests
{
    [Theory]
    [InlineData(4.0, 0.1, 0.9)]
    [InlineData(0.2, 0.4, 0.5)]
    public void MatrixPowers_ReproduceTheMomentumAndNesterovTrajectories(double lambda, double eta, double gamma)
    {
        var f = new Quadratic2D(lambda, lambda);
        var start = new Point2D(2.5, 2.5);
        var momentum = Trajectories.Momentum(f, start, eta, gamma, 40);
        var nesterov = Trajectories.Nesterov(f, start, eta, gamma, 40);
        var state0 = Vector<double>.Build.DenseOfArray(new[] { 2.5, 2.5 });
        for (int t = 0; t <= 40; t++)
        {
            Assert.Equal((IterationMatrix.Momentum(lambda, eta, gamma).Power(t) * state0)[0], momentum.Points[t].X1, 9);
            Assert.Equal((IterationMatrix.Nesterov(lambda, eta, gamma).Power(t) * state0)[0], nesterov.Points[t].X1, 9);
        }
    }

    [Theory]
    [InlineData(4.0, 0.1)]
    [InlineData(4.0, 0.45)]
    [InlineData(4.0, 0.6)]
    [InlineData(0.2, 0.4)]
    public void SpectralRadius_WithZeroGamma_IsAbsOneMinusEtaLambda(double lambda, double eta)
    {
        Assert.Equal(Math.Abs(1 - eta * lambda), IterationMatrix.SpectralRadius(IterationMatrix.Momentum(lambda, eta, 0)), 12);
    }

    [Fact]
    public void SpectralRadius_OfComplexEigenvalues_IsSqrtGamma()
    {
        // Underdamped momentum: the eigenvalues are complex conjugates with product det M = γ, so |μ| = √γ.
        Assert.Equal(Math.Sqrt(0.9), IterationMatrix.SpectralRadius(IterationMatrix.Momentum(4.0, 0.1, 0.9)), 10);
    }

    [Fact]
    public void TunedMomentumOnTheFunnel_HasRateSqrtKappaMinusOneOverSqrtKappaPlusOne()
    {
        var f = Quadratic2D.Funnel;
        double k = Math.Sqrt(f.ConditionNumber);
        double eta = 4 / Math.Pow(Math.Sqrt(4) + Math.Sqrt(0.2), 2), gamma = Math.Pow((k - 1) / (k + 1), 2);
        Assert.Equal((k - 1) / (k + 1), IterationMatrix.MomentumRate(f, eta, gamma), 6);
        // and the best gradient descent on it only reaches (κ − 1)/(κ + 1)
        Assert.Equal(19.0 / 21.0, IterationMatrix.MomentumRate(f, 2 / 4.2, 0), 12);
    }

    [Fact]
    public void Rate_PredictsTheMeasuredShrinkPerStep()
    {
        var f = Quadratic2D.Funnel;
        var path = Trajectories.Momentum(f, new Point2D(-8, 1.5), 0.3, 0.5, 400);
        double rate = IterationMatrix.MomentumRate(f, 0.3, 0.5);
        var d = path.DistancesToMinimum;
        double measured = Math.Pow(d[400] / d[200], 1.0 / 200);
        Assert.InRange(measured, rate - 0.01, rate + 1e-9);
    }
}
