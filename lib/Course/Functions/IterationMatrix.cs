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
