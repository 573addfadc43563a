namespace Course.Functions;

/// <summary>
/// An eigenvalue μ = Real + i·Imaginary of a 2×2 iteration matrix (<see cref="IterationMatrix.Eigenvalues2x2"/>), with
/// |μ| as <see cref="Magnitude"/> and arg μ as <see cref="Phase"/>: the names of System.Numerics.Complex. The library's own type
/// because a notebook cell that used a Complex from this library (built for .NET 8) made the .NET 10 Jupyter kernel print
/// warning CS1701 (its System.Runtime.Numerics 8.0.0.0 unified with the kernel's 10.0.0.0).
/// </summary>
/// <param name="Real">The real part.</param>
/// <param name="Imaginary">The imaginary part (0 for a real eigenvalue).</param>
public readonly record struct Eigenvalue(double Real, double Imaginary)
{
    /// <summary>|μ| = √(Real² + Imaginary²): the factor by which this eigen-direction shrinks per step.</summary>
    public double Magnitude => Math.Sqrt(Real * Real + Imaginary * Imaginary);

    /// <summary>arg μ = atan2(Imaginary, Real), in radians: how far a spiral turns per step.</summary>
    public double Phase => Math.Atan2(Imaginary, Real);
}
