using Course.Functions;
using MathNet.Numerics.LinearAlgebra;

namespace Course.Plots.Tests.Functions;

public class TrajectoriesTests
{
    private static readonly Point2D Start = new(-8, 1.5);

    [Theory]
    [InlineData(0.2, 4.0, 0.1, 30)]
    [InlineData(0.2, 4.0, 0.45, 40)]
    [InlineData(1.0, 3.0, 0.6, 25)]
    public void GradientDescent_OnDiagonalQuadratic_FollowsOneMinusEtaLambdaToTheT(double l1, double l2, double eta, int steps)
    {
        var path = Trajectories.GradientDescent(new Quadratic2D(l1, l2), Start, eta, steps);

        Assert.Equal(steps + 1, path.Points.Count);
        for (int t = 0; t <= steps; t++)
        {
            Assert.Equal(Math.Pow(1 - eta * l1, t) * Start.X1, path.Points[t].X1, 10);
            Assert.Equal(Math.Pow(1 - eta * l2, t) * Start.X2, path.Points[t].X2, 10);
        }
    }

    [Fact]
    public void GradientDescent_WithEtaLambdaAboveTwo_Diverges_AndBelowTwo_Converges()
    {
        var f = Quadratic2D.Funnel; // λ_max = 4: stable for η < 0.5
        var unstable = Trajectories.GradientDescent(f, Start, learningRate: 0.55, steps: 40); // ηλ = 2.2
        var stable = Trajectories.GradientDescent(f, Start, learningRate: 0.45, steps: 40);   // ηλ = 1.8

        // Along x2 each step multiplies by 1 − ηλ: −1.2 (growing, sign flipping) versus −0.8 (shrinking).
        Assert.True(Math.Abs(unstable.Last.X2) > 1000 * Math.Abs(Start.X2), $"x2 after 40 steps: {unstable.Last.X2}");
        Assert.True(Math.Abs(stable.Last.X2) < 1e-3 * Math.Abs(Start.X2), $"x2 after 40 steps: {stable.Last.X2}");
        Assert.True(unstable.Points[1].X2 * unstable.Points[2].X2 < 0, "overshooting flips the sign of x2 every step");
    }

    // Momentum on f = λx²/2: v_{t+1} = γv_t + ηλx_t and x_{t+1} = x_t − v_{t+1}. Since v_t = x_{t−1} − x_t,
    // x_{t+1} = (1 + γ − ηλ)·x_t − γ·x_{t−1}: the state (x_t, x_{t−1}) is multiplied by
    // M = [[1 + γ − ηλ, −γ], [1, 0]] each step, starting from (x_0, x_0) because v_0 = 0.
    [Theory]
    [InlineData(0.2, 4.0, 0.1, 0.9, 60)]
    [InlineData(0.2, 4.0, 0.4, 0.5, 60)]
    [InlineData(1.0, 3.0, 0.05, 0.99, 80)]
    public void Momentum_OnDiagonalQuadratic_FollowsPowersOfTheTwoByTwoIterationMatrix(double l1, double l2, double eta, double gamma, int steps)
    {
        var path = Trajectories.Momentum(new Quadratic2D(l1, l2), Start, eta, gamma, steps);

        foreach (var (lambda, x0, coordinate) in new[] { (l1, Start.X1, 0), (l2, Start.X2, 1) })
        {
            var m = Matrix<double>.Build.DenseOfArray(new[,] { { 1 + gamma - eta * lambda, -gamma }, { 1, 0 } });
            var state0 = Vector<double>.Build.DenseOfArray(new[] { x0, x0 });
            for (int t = 0; t <= steps; t++)
            {
                double expected = (m.Power(t) * state0)[0];
                double actual = coordinate == 0 ? path.Points[t].X1 : path.Points[t].X2;
                Assert.True(Math.Abs(expected - actual) <= 1e-9 * (1 + Math.Abs(expected)),
                    $"coordinate {coordinate + 1}, t = {t}: iteration matrix gives {expected}, momentum gives {actual}");
            }
        }
    }

    // Nesterov on f = λx²/2: the gradient at x_t − γv_t gives x_{t+1} = (1 − ηλ)(1 + γ)·x_t − (1 − ηλ)γ·x_{t−1}.
    [Theory]
    [InlineData(0.2, 4.0, 0.1, 0.9, 60)]
    [InlineData(1.0, 3.0, 0.3, 0.7, 50)]
    public void Nesterov_OnDiagonalQuadratic_FollowsPowersOfItsIterationMatrix(double l1, double l2, double eta, double gamma, int steps)
    {
        var path = Trajectories.Nesterov(new Quadratic2D(l1, l2), Start, eta, gamma, steps);

        foreach (var (lambda, x0, coordinate) in new[] { (l1, Start.X1, 0), (l2, Start.X2, 1) })
        {
            double shrink = 1 - eta * lambda;
            var m = Matrix<double>.Build.DenseOfArray(new[,] { { shrink * (1 + gamma), -shrink * gamma }, { 1, 0 } });
            var state0 = Vector<double>.Build.DenseOfArray(new[] { x0, x0 });
            for (int t = 0; t <= steps; t++)
            {
                double expected = (m.Power(t) * state0)[0];
                double actual = coordinate == 0 ? path.Points[t].X1 : path.Points[t].X2;
                Assert.True(Math.Abs(expected - actual) <= 1e-9 * (1 + Math.Abs(expected)),
                    $"coordinate {coordinate + 1}, t = {t}: iteration matrix gives {expected}, Nesterov gives {actual}");
            }
        }
    }

    [Fact]
    public void MomentumAndNesterov_WithZeroGamma_EqualGradientDescent()
    {
        var f = new Quadratic2D(0.5, 0.3, 2.0);
        var gd = Trajectories.GradientDescent(f, Start, 0.3, 25);
        var momentum = Trajectories.Momentum(f, Start, 0.3, 0.0, 25);
        var nesterov = Trajectories.Nesterov(f, Start, 0.3, 0.0, 25);
        Assert.Equal(gd.Points, momentum.Points);
        Assert.Equal(gd.Points, nesterov.Points);
    }

    [Fact]
    public void Momentum_WithWellTunedGamma_BeatsTheBestGradientDescentOnTheFunnel()
    {
        // Best GD step on κ = 20: η = 2/(λmin + λmax), rate (κ − 1)/(κ + 1) ≈ 0.905 per step.
        // Heavy-ball tuning: η = 4/(√λmax + √λmin)², γ = ((√κ − 1)/(√κ + 1))², rate ≈ 0.63 per step.
        var f = Quadratic2D.Funnel;
        double sqrtKappa = Math.Sqrt(20);
        var gd = Trajectories.GradientDescent(f, Start, 2 / (0.2 + 4), 50);
        var momentum = Trajectories.Momentum(f, Start, 4 / Math.Pow(2 + Math.Sqrt(0.2), 2), Math.Pow((sqrtKappa - 1) / (sqrtKappa + 1), 2), 50);

        double d0 = Start.Norm;
        Assert.True(gd.DistancesToMinimum[50] > 1e-3 * d0, $"GD distance after 50 steps: {gd.DistancesToMinimum[50]}");
        Assert.True(momentum.DistancesToMinimum[50] < 1e-6 * d0, $"momentum distance after 50 steps: {momentum.DistancesToMinimum[50]}");
    }

    [Fact]
    public void DistancesToMinimum_AreEuclideanNormsOfThePoints()
    {
        var path = Trajectories.GradientDescent(Quadratic2D.Funnel, new Point2D(3, 4), 0.1, 3);
        Assert.Equal(5.0, path.DistancesToMinimum[0], 12);
        for (int t = 0; t <= 3; t++)
            Assert.Equal(Math.Sqrt(path.Points[t].X1 * path.Points[t].X1 + path.Points[t].X2 * path.Points[t].X2), path.DistancesToMinimum[t], 12);
    }

    [Theory]
    [InlineData(0.0, 0.9, "learningRate")]
    [InlineData(-0.1, 0.9, "learningRate")]
    [InlineData(0.1, 1.0, "gamma")]
    [InlineData(0.1, -0.2, "gamma")]
    public void Momentum_BadSettings_ThrowNamingTheParameter(double eta, double gamma, string parameter)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Trajectories.Momentum(Quadratic2D.Funnel, Start, eta, gamma, 10));
        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void Trajectory_DefaultLabels_NameTheMethodAndSettings()
    {
        Assert.Equal("gradient descent η = 0.1", Trajectories.GradientDescent(Quadratic2D.Funnel, Start, 0.1, 1).Label);
        Assert.Equal("momentum γ = 0.9, η = 0.1", Trajectories.Momentum(Quadratic2D.Funnel, Start, 0.1, 0.9, 1).Label);
        Assert.Equal("Nesterov γ = 0.9, η = 0.1", Trajectories.Nesterov(Quadratic2D.Funnel, Start, 0.1, 0.9, 1).Label);
    }
}
