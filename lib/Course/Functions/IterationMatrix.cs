using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Course.Functions;

/// <summary>
/// On one curvature direction of a quadratic, f = λx²/2, each method is a linear map on the state
/// (x_t, x_{t−1}), so its convergence rate is the spectral radius ρ (largest eigenvalue magnitude) of a 2×2 matrix:
/// <list type="bullet">
/// <item>gradient descent: x_{t+1} = (1 − ηλ)·x_t, rate |1 − ηλ| (it diverges when ηλ &gt; 2);</item>
/// <item>momentum: v_{t+1} = γv_t + ηλx_t and x_{t+1} = x_t − v_{t+1}; since v_t = x_{t−1} − x_t,
/// x_{t+1} = (1 + γ − ηλ)·x_t − γ·x_{t−1}, the matrix [[1 + γ − ηλ, −γ], [1, 0]];</item>
/// <item>Nesterov: the gradient at x_t − γv_t gives x_{t+1} = (1 − ηλ)(1 + γ)·x_t − (1 − ηλ)γ·x_{t−1},
/// the matrix [[(1 − ηλ)(1 + γ), −(1 − ηλ)γ], [1, 0]].</item>
/// </list>
/// The state starts at (x_0, x_0) because v_0 = 0, and x_t is the first entry of Mᵗ·(x_0, x_0).
/// </summary>
public static class IterationMatrix
{
    /// <summary>M = [[1 + γ − ηλ, −γ], [1, 0]] for momentum on curvature λ (γ = 0 is gradient descent).</summary>
    public static Matrix<double> Momentum(double lambda, double learningRate, double gamma) =>
        Matrix<double>.Build.DenseOfArray(new[,] { { 1 + gamma - learningRate * lambda, -gamma }, { 1, 0 } });

    /// <summary>M = [[(1 − ηλ)(1 + γ), −(1 − ηλ)γ], [1, 0]] for Nesterov on curvature λ.</summary>
    public static Matrix<double> Nesterov(double lambda, double learningRate, double gamma)
    {
        double shrink = 1 - learningRate * lambda;
        return Matrix<double>.Build.DenseOfArray(new[,] { { shrink * (1 + gamma), -shrink * gamma }, { 1, 0 } });
    }

    /// <summary>The same momentum step in the seed's form, on the state (v_t, x_t):
    /// v_{t+1} = γ·v_t + ηλ·x_t and x_{t+1} = x_t − v_{t+1} = −γ·v_t + (1 − ηλ)·x_t, so
    /// M = [[γ, ηλ], [−γ, 1 − ηλ]]. It is similar to <see cref="Momentum"/> (same eigenvalues, trace 1 + γ − ηλ,
    /// determinant γ); the state starts at (0, x_0).</summary>
    public static Matrix<double> MomentumSeedForm(double lambda, double learningRate, double gamma) =>
        Matrix<double>.Build.DenseOfArray(new[,] { { gamma, learningRate * lambda }, { -gamma, 1 - learningRate * lambda } });

    /// <summary>Nesterov's step in the seed's form, on (v_t, x_t): the gradient at the look-ahead point x_t − γv_t gives
    /// v_{t+1} = γ(1 − ηλ)·v_t + ηλ·x_t and x_{t+1} = −γ(1 − ηλ)·v_t + (1 − ηλ)·x_t, so
    /// M = [[γ(1 − ηλ), ηλ], [−γ(1 − ηλ), 1 − ηλ]], with trace (1 + γ)(1 − ηλ) and determinant γ(1 − ηλ).</summary>
    public static Matrix<double> NesterovSeedForm(double lambda, double learningRate, double gamma)
    {
        double shrink = 1 - learningRate * lambda;
        return Matrix<double>.Build.DenseOfArray(new[,] { { gamma * shrink, learningRate * lambda }, { -gamma * shrink, shrink } });
    }

    /// <summary>The two eigenvalues of a 2×2 matrix from its characteristic polynomial μ² − tr(M)·μ + det(M) = 0,
    /// μ = (tr ± √(tr² − 4 det))/2 (complex conjugates when tr² &lt; 4 det). <see cref="SpectralRadius"/> asks MathNet;
    /// a test holds the two equal.</summary>
    public static (Eigenvalue First, Eigenvalue Second) Eigenvalues2x2(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.RowCount != 2 || m.ColumnCount != 2)
            throw new ArgumentException($"Expected a 2×2 matrix, got {m.RowCount}×{m.ColumnCount}.", nameof(m));
        double trace = m[0, 0] + m[1, 1], det = m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0];
        var root = Complex.Sqrt(trace * trace - 4 * det);
        Complex first = (trace + root) / 2, second = (trace - root) / 2;
        return (new Eigenvalue(first.Real, first.Imaginary), new Eigenvalue(second.Real, second.Imaginary));
    }

    /// <summary>How momentum moves along one direction with curvature λ, read off the eigenvalues μ of its matrix
    /// (the regions of the (ηλ, γ) phase diagram): <see cref="MomentumRegime.Divergence"/> when ρ ≥ 1, else
    /// <see cref="MomentumRegime.Ripples"/> for complex μ ((1 − √γ)² &lt; ηλ &lt; (1 + √γ)²: a decaying spiral),
    /// <see cref="MomentumRegime.Oscillation"/> when the larger |μ| is real and negative (the sign flips every step),
    /// and <see cref="MomentumRegime.Monotone"/> when it is real and positive (a steady approach).</summary>
    public static MomentumRegime Regime(double lambda, double learningRate, double gamma)
    {
        var (a, b) = Eigenvalues2x2(Momentum(lambda, learningRate, gamma));
        var dominant = a.Magnitude >= b.Magnitude ? a : b;
        if (dominant.Magnitude >= 1) return MomentumRegime.Divergence;
        if (Math.Abs(a.Imaginary) > 1e-12) return MomentumRegime.Ripples;
        return dominant.Real < 0 ? MomentumRegime.Oscillation : MomentumRegime.Monotone;
    }

    /// <summary>ρ(M) = max |μ| over the (possibly complex) eigenvalues μ of M: the factor by which the error
    /// eventually shrinks per step (ρ &lt; 1 converges, ρ &gt; 1 diverges).</summary>
    public static double SpectralRadius(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return m.Evd().EigenValues.Max(Complex.Abs);
    }

    /// <summary>The slowest rate over the two curvatures of f (its eigenvalues λ_min and λ_max):
    /// max(ρ(M(λ_min)), ρ(M(λ_max))) for momentum with these settings (γ = 0 for gradient descent).</summary>
    public static double MomentumRate(Quadratic2D f, double learningRate, double gamma)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (min, max) = f.Eigenvalues;
        return Math.Max(SpectralRadius(Momentum(min, learningRate, gamma)), SpectralRadius(Momentum(max, learningRate, gamma)));
    }

    /// <summary>The same for Nesterov.</summary>
    public static double NesterovRate(Quadratic2D f, double learningRate, double gamma)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (min, max) = f.Eigenvalues;
        return Math.Max(SpectralRadius(Nesterov(min, learningRate, gamma)), SpectralRadius(Nesterov(max, learningRate, gamma)));
    }
}

/// <summary>The four regions of momentum's phase diagram on one curvature direction.</summary>
public enum MomentumRegime
{
    /// <summary>Both eigenvalues real, the dominant one positive: x_t approaches 0 without changing sign (for long).</summary>
    Monotone,
    /// <summary>Complex eigenvalues of size √γ: x_t spirals in, swinging past 0 with a period of 2π/arg μ steps.</summary>
    Ripples,
    /// <summary>The dominant eigenvalue is real and negative: x_t flips sign every step while it shrinks.</summary>
    Oscillation,
    /// <summary>ρ ≥ 1: the error does not shrink (ηλ ≥ 2 + 2γ).</summary>
    Divergence,
}
