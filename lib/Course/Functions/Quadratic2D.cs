using MathNet.Numerics.LinearAlgebra;

namespace Course.Functions;

/// <summary>
/// The quadratic bowl f(x) = ½ xᵀ A x with a symmetric positive-definite 2×2 matrix
/// A = [[a11, a12], [a12, a22]], i.e. f(x1, x2) = ½ (a11·x1² + 2·a12·x1·x2 + a22·x2²).
/// Its gradient is ∇f(x) = A x, its Hessian is A everywhere, and its minimum is the origin.
/// With A = diag(0.2, 4) (<see cref="Funnel"/>) it is the course's flat funnel
/// f = 0.1·x1² + 2·x2²: the curvature along x2 is 20 times the curvature along x1.
/// </summary>
public sealed class Quadratic2D : IFunction2D
{
    /// <summary>The funnel of the course: A = diag(0.2, 4), f = 0.1·x1² + 2·x2², condition number 20.</summary>
    public static Quadratic2D Funnel => new(0.2, 4.0);

    /// <summary>Entries of A (A21 = A12).</summary>
    public double A11 { get; }
    public double A12 { get; }
    public double A22 { get; }

    /// <summary>A diagonal quadratic, A = diag(a11, a22): f = ½ (a11·x1² + a22·x2²).</summary>
    /// <param name="a11">Curvature along x1; must be positive.</param>
    /// <param name="a22">Curvature along x2; must be positive.</param>
    /// <exception cref="ArgumentException">A is not positive definite.</exception>
    public Quadratic2D(double a11, double a22) : this(a11, 0.0, a22) { }

    /// <summary>A general symmetric quadratic, A = [[a11, a12], [a12, a22]].</summary>
    /// <exception cref="ArgumentException">An entry is not finite, or A is not positive definite
    /// (a11 &gt; 0 and a11·a22 − a12² &gt; 0 are required so that the origin is the unique minimum).</exception>
    public Quadratic2D(double a11, double a12, double a22)
    {
        if (!double.IsFinite(a11) || !double.IsFinite(a12) || !double.IsFinite(a22))
            throw new ArgumentException($"The entries of A must be finite numbers, got a11 = {a11}, a12 = {a12}, a22 = {a22}.");
        if (a11 <= 0 || a11 * a22 - a12 * a12 <= 0)
            throw new ArgumentException(
                $"A = [[{a11}, {a12}], [{a12}, {a22}]] must be positive definite (a11 > 0 and a11·a22 − a12² > 0) " +
                "so that f has a single minimum at the origin.");
        A11 = a11; A12 = a12; A22 = a22;
    }

    /// <summary>f(x) = ½ (a11·x1² + 2·a12·x1·x2 + a22·x2²).</summary>
    public double Value(Point2D x) => 0.5 * (A11 * x.X1 * x.X1 + 2 * A12 * x.X1 * x.X2 + A22 * x.X2 * x.X2);

    /// <summary>f(x1, x2), for contour grids.</summary>
    public double Value(double x1, double x2) => Value(new Point2D(x1, x2));

    /// <summary>∇f(x) = A x = (a11·x1 + a12·x2, a12·x1 + a22·x2).</summary>
    public Point2D Gradient(Point2D x) => new(A11 * x.X1 + A12 * x.X2, A12 * x.X1 + A22 * x.X2);

    /// <summary>θ* = (0, 0).</summary>
    public Point2D Minimum => Point2D.Zero;

    /// <summary>The Hessian ∇²f = A (constant for a quadratic), as a MathNet dense matrix.</summary>
    public Matrix<double> Hessian => Matrix<double>.Build.DenseOfArray(new[,] { { A11, A12 }, { A12, A22 } });

    /// <summary>The eigenvalues λ_min ≤ λ_max of A (the curvatures along the principal axes), from MathNet's eigen-decomposition.</summary>
    public (double Min, double Max) Eigenvalues
    {
        get
        {
            var values = Hessian.Evd(Symmetricity.Symmetric).EigenValues;
            double a = values[0].Real, b = values[1].Real;
            return (Math.Min(a, b), Math.Max(a, b));
        }
    }

    /// <summary>κ = λ_max / λ_min: how much steeper the steep direction is than the flat one
    /// (20 for the funnel). Gradient descent needs η &lt; 2/λ_max to stay stable, and then moves
    /// along the flat direction by a factor (1 − η·λ_min) per step.</summary>
    public double ConditionNumber
    {
        get
        {
            var (min, max) = Eigenvalues;
            return max / min;
        }
    }

    public override string ToString() =>
        FormattableString.Invariant($"f(x) = ½ xᵀAx, A = [[{A11}, {A12}], [{A12}, {A22}]]");
}
