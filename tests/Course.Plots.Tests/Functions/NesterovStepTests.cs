using Course.Functions;

namespace Course.Plots.Tests.Functions;

public class NesterovStepTests
{
    private static readonly Quadratic2D F = Quadratic2D.Funnel;
    private static readonly Point2D Theta = new(-6, 1.5);
    private static readonly Point2D V = new(-1.2, 0.8);

    [Fact]
    public void Pieces_AreMinusGammaV_AndGradientStepsAtThetaAndAtTheLookAheadPoint()
    {
        var step = NesterovStep.At(F, Theta, V, learningRate: 0.1, gamma: 0.9);

        AssertClose(new Point2D(0.9 * 1.2, -0.9 * 0.8), step.MomentumStep);
        AssertClose(new Point2D(-6 + 1.08, 1.5 - 0.72), step.LookAheadPoint);
        AssertClose(new Point2D(-0.1 * 0.2 * -6, -0.1 * 4 * 1.5), step.GradientStep);
        var look = step.LookAheadPoint;
        Assert.Equal(-0.1 * 0.2 * look.X1, step.LookAheadGradientStep.X1, 14);
        Assert.Equal(-0.1 * 4 * look.X2, step.LookAheadGradientStep.X2, 14);
    }

    [Fact]
    public void NextPoints_EqualOneStepOfMomentumAndOfNesterov_FromTheSameVelocity()
    {
        var step = NesterovStep.At(F, Theta, V, 0.1, 0.9);
        var momentum = Trajectories.Momentum(F, Theta, 0.1, 0.9, 1, initialVelocity: V);
        var nesterov = Trajectories.Nesterov(F, Theta, 0.1, 0.9, 1, initialVelocity: V);

        Assert.Equal(momentum.Last.X1, step.MomentumNext.X1, 14);
        Assert.Equal(momentum.Last.X2, step.MomentumNext.X2, 14);
        Assert.Equal(nesterov.Last.X1, step.NesterovNext.X1, 14);
        Assert.Equal(nesterov.Last.X2, step.NesterovNext.X2, 14);
        Assert.NotEqual(step.MomentumNext, step.NesterovNext);
    }

    [Fact]
    public void FromRest_BothUpdatesAreThePlainGradientStep()
    {
        var step = NesterovStep.At(F, Theta, Point2D.Zero, 0.1, 0.9);
        Assert.Equal(step.GradientStep, step.MomentumUpdate);
        Assert.Equal(step.GradientStep, step.NesterovUpdate);
    }

    private static void AssertClose(Point2D expected, Point2D actual)
    {
        Assert.Equal(expected.X1, actual.X1, 14);
        Assert.Equal(expected.X2, actual.X2, 14);
    }
}
