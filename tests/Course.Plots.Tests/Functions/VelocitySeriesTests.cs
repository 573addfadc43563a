using Course.Functions;

namespace Course.Plots.Tests.Functions;

public class VelocitySeriesTests
{
    [Fact]
    public void Iterate_FirstThreeVelocities_AreEtaG_OnePlusGamma_OnePlusGammaPlusGammaSquared()
    {
        double eta = 0.01, g = 3.0, gamma = 0.9;
        var v = VelocitySeries.Iterate(eta, g, gamma, 3);
        Assert.Equal(eta * g, v[0], 15);
        Assert.Equal((1 + gamma) * eta * g, v[1], 15);
        Assert.Equal((1 + gamma + gamma * gamma) * eta * g, v[2], 15);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Iterate_EqualsClosedFormOneMinusGammaToTheNOverOneMinusGamma(double gamma)
    {
        var v = VelocitySeries.Iterate(0.1, -2.0, gamma, 200);
        for (int n = 1; n <= 200; n++)
        {
            double expected = VelocitySeries.ClosedForm(0.1, -2.0, gamma, n);
            Assert.True(Math.Abs(expected - v[n - 1]) <= 1e-12 * Math.Abs(expected), $"n = {n}: closed form {expected}, iteration {v[n - 1]}");
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Iterate_ApproachesTheLimit_WithGapGammaToTheNTimesTheLimit(double gamma)
    {
        double limit = VelocitySeries.Limit(0.01, 1.0, gamma);
        var v = VelocitySeries.Iterate(0.01, 1.0, gamma, 100);
        for (int n = 1; n <= 100; n++)
            Assert.Equal(Math.Pow(gamma, n) * limit, limit - v[n - 1], 12);
    }

    [Fact]
    public void Limit_AtGammaPointNine_IsTenTimesEtaG()
    {
        Assert.Equal(10.0, VelocitySeries.AmplificationFactor(0.9), 12);
        Assert.Equal(10 * 0.01 * 2.5, VelocitySeries.Limit(0.01, 2.5, 0.9), 14);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    public void Limit_GammaOutsideZeroToOne_ThrowsNamingGamma(double gamma)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => VelocitySeries.Limit(0.01, 1, gamma));
        Assert.Equal("gamma", ex.ParamName);
    }

    [Fact]
    public void Iterate_ZeroUpdates_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => VelocitySeries.Iterate(0.01, 1, 0.9, 0));
        Assert.Equal("n", ex.ParamName);
    }
}
