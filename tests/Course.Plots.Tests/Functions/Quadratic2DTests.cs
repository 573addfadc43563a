using Course.Functions;

namespace Course.Plots.Tests.Functions;

public class Quadratic2DTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 0.1)]
    [InlineData(0, 1, 2)]
    [InlineData(-3, 2, 0.9 + 8)]
    public void Funnel_Value_IsPointOneX1SquaredPlusTwoX2Squared(double x1, double x2, double expected)
    {
        Assert.Equal(expected, Quadratic2D.Funnel.Value(new Point2D(x1, x2)), 12);
    }

    [Theory]
    [InlineData(0.2, 0.0, 4.0, -3.0, 2.0)]
    [InlineData(2.0, 1.0, 2.0, 0.7, -1.3)]
    [InlineData(1.0, -0.4, 0.5, 5.0, 4.0)]
    public void Gradient_MatchesCentralFiniteDifferences(double a11, double a12, double a22, double x1, double x2)
    {
        var f = new Quadratic2D(a11, a12, a22);
        const double h = 1e-5;
        double d1 = (f.Value(x1 + h, x2) - f.Value(x1 - h, x2)) / (2 * h);
        double d2 = (f.Value(x1, x2 + h) - f.Value(x1, x2 - h)) / (2 * h);
        var g = f.Gradient(new Point2D(x1, x2));
        Assert.Equal(d1, g.X1, 6);
        Assert.Equal(d2, g.X2, 6);
    }

    [Fact]
    public void Funnel_HessianIsDiagPointTwoFour_WithConditionNumberTwenty()
    {
        var f = Quadratic2D.Funnel;
        var h = f.Hessian;
        Assert.Equal(new[,] { { 0.2, 0.0 }, { 0.0, 4.0 } }, h.ToArray());
        Assert.Equal(0.2, f.Eigenvalues.Min, 12);
        Assert.Equal(4.0, f.Eigenvalues.Max, 12);
        Assert.Equal(20.0, f.ConditionNumber, 10);
    }

    [Fact]
    public void ConditionNumber_OfNonDiagonalMatrix_UsesItsEigenvalues()
    {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 (eigenvectors (1, −1) and (1, 1)).
        var f = new Quadratic2D(2, 1, 2);
        Assert.Equal(1.0, f.Eigenvalues.Min, 12);
        Assert.Equal(3.0, f.Eigenvalues.Max, 12);
        Assert.Equal(3.0, f.ConditionNumber, 10);
    }

    [Fact]
    public void Value_IsHalfXTransposeAX_ComputedWithMathNet()
    {
        var f = new Quadratic2D(1.5, -0.3, 0.8);
        var x = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(new[] { 1.7, -2.2 });
        Assert.Equal(0.5 * x.DotProduct(f.Hessian * x), f.Value(new Point2D(1.7, -2.2)), 12);
    }

    [Theory]
    [InlineData(-1.0, 0.0, 4.0)]
    [InlineData(1.0, 2.0, 1.0)]
    [InlineData(0.0, 0.0, 1.0)]
    public void Constructor_NotPositiveDefinite_ThrowsNamingTheMatrix(double a11, double a12, double a22)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Quadratic2D(a11, a12, a22));
        Assert.Contains("positive definite", ex.Message);
        Assert.Contains($"[[{a11}, {a12}]", ex.Message);
    }

    [Fact]
    public void Constructor_NaNEntry_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Quadratic2D(double.NaN, 1));
        Assert.Contains("NaN", ex.Message);
    }
}
