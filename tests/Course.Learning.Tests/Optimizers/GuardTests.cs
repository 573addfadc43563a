using Course.NeuralNetwork;
using Course.Optimizers;

namespace Course.Learning.Tests.Optimizers;

public class GuardTests
{
    static readonly Parameter[] Theta = [new Parameter("theta", 2)];

    [Theory]
    [InlineData(0f)]
    [InlineData(-0.01f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Constructors_NonPositiveOrNonFiniteLearningRate_ThrowNamingTheValue(float learningRate)
    {
        foreach (var create in new Func<object>[]
                 {
                     () => new Momentum(Theta, learningRate),
                     () => new Sgd(Theta, learningRate),
                     () => new Nesterov(Theta, learningRate),
                 })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(create);
            Assert.Equal("learningRate", e.ParamName);
            Assert.Contains($"must be a finite number > 0; got {learningRate}", e.Message);
        }
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(-0.1f)]
    [InlineData(1.5f)]
    public void Constructors_GammaOutsideZeroToOne_ThrowNamingTheValue(float gamma)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum(Theta, 0.01f, gamma));
        Assert.Contains($"must be in [0, 1); got {gamma}", e.Message);
        var s = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(Theta, 0.01f, momentum: gamma));
        Assert.Equal("momentum", s.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nesterov(Theta, 0.01f, gamma));
    }

    [Fact]
    public void Nesterov_WithZeroGamma_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Nesterov(Theta, 0.01f, 0f));
        Assert.Contains("gamma > 0", e.Message);
    }

    [Theory]
    [InlineData(0f, 0f, "momentum 0 and dampening 0")]
    [InlineData(0.9f, 0.1f, "momentum 0.9 and dampening 0.1")]
    public void Sgd_NesterovWithoutMomentumOrWithDampening_ThrowsNamingBoth(float momentum, float dampening, string shown)
    {
        var e = Assert.Throws<ArgumentException>(() => new Sgd(Theta, 0.01f, momentum, dampening, nesterov: true));
        Assert.Contains(shown, e.Message);
    }

    [Theory]
    [InlineData(-0.1f, 0f, "dampening")]
    [InlineData(1.1f, 0f, "dampening")]
    [InlineData(0f, -1f, "weightDecay")]
    public void Sgd_DampeningOrWeightDecayOutOfRange_Throws(float dampening, float weightDecay, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(Theta, 0.01f, 0.9f, dampening, weightDecay));
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void Constructors_NoParameters_Throw()
    {
        Assert.Throws<ArgumentException>(() => new Momentum([]));
        Assert.Throws<ArgumentException>(() => new Sgd([]));
    }
}
