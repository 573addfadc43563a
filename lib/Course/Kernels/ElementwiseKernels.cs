using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Course.Kernels;

/// <summary>
/// Fast paths for the element-wise work of a training step that the matrix products leave: the momentum
/// update, adding the bias to every row, summing the rows for the bias gradient, and ReLU both ways. Each lane does exactly
/// the scalar formula's operations in the same order (a multiply and an add, never fused), so the results
/// are bitwise those of the plain loop; tests hold them equal.
/// </summary>
public static class ElementwiseKernels
{
    /// <summary>The momentum update for one parameter: v[i] = γ·v[i] + η·g[i]; θ[i] = θ[i] − v[i].</summary>
    /// <param name="theta">θ, updated in place.</param>
    /// <param name="grad">g = ∇L(θ), same length.</param>
    /// <param name="velocity">v, updated in place, same length.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="gamma">γ.</param>
    /// <exception cref="ArgumentException">The three spans differ in length.</exception>
    public static void MomentumStep(Span<float> theta, ReadOnlySpan<float> grad, Span<float> velocity, float learningRate, float gamma)
    {
        if (grad.Length != theta.Length || velocity.Length != theta.Length)
            throw new ArgumentException($"theta, grad and velocity must have one length; got {theta.Length}, {grad.Length} and {velocity.Length}.");
        MomentumStep(theta, grad, velocity, learningRate, gamma, KernelPaths.Best);
    }

    /// <summary>Adds b to every row of a (rows × cols) matrix: Y[r, j] = Y[r, j] + b[j]. A dense layer's bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException">rows or cols is negative.</exception>
    /// <exception cref="ArgumentException">The matrix holds fewer than rows·cols values or b fewer than cols.</exception>
    public static void AddToEveryRow(Span<float> matrix, ReadOnlySpan<float> row, int rows, int cols)
    {
        CheckMatrix(matrix.Length, row.Length, rows, cols, "row");
        AddToEveryRow(matrix, row, rows, cols, KernelPaths.Best);
    }

    /// <summary>Column sums of a (rows × cols) matrix: s[j] = Σ_r M[r, j], overwriting s. A dense layer's bias gradient, db = Σ_rows dY.</summary>
    /// <exception cref="ArgumentOutOfRangeException">rows or cols is negative.</exception>
    /// <exception cref="ArgumentException">The matrix holds fewer than rows·cols values or s fewer than cols.</exception>
    public static void ColumnSums(ReadOnlySpan<float> matrix, Span<float> sums, int rows, int cols)
    {
        CheckMatrix(matrix.Length, sums.Length, rows, cols, "sums");
        ColumnSums(matrix, sums, rows, cols, KernelPaths.Best);
    }

    /// <summary>ReLU: y[i] = x[i] &gt; 0 ? x[i] : 0 (so −0 and NaN give 0, as the plain comparison does).</summary>
    /// <exception cref="ArgumentException">output is shorter than input.</exception>
    public static void Relu(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length < input.Length)
            throw new ArgumentException($"output holds {output.Length} values, expected at least {input.Length} (one per input).", nameof(output));
        Relu(input, output, KernelPaths.Best);
    }

    /// <summary>ReLU's backward pass through its output: dX[i] = y[i] &gt; 0 ? dY[i] : 0.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void ReluBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        if (outputGradient.Length != output.Length || inputGradient.Length != output.Length)
            throw new ArgumentException($"output, outputGradient and inputGradient must have one length; got {output.Length}, {outputGradient.Length} and {inputGradient.Length}.");
        ReluBackward(output, outputGradient, inputGradient, KernelPaths.Best);
    }

    // ---- the same on a chosen path (tests force each one) ----

    internal static void Relu(ReadOnlySpan<float> input, Span<float> output, KernelPath path)
        => ReluBackward(input, input, output, path); // y = (x > 0 ? x : 0) is the backward rule with dY = x

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void ReluBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, KernelPath path)
    {
        KernelPaths.Require(path);
        int n = output.Length, i = 0;
        fixed (float* y = output, dy = outputGradient, dx = inputGradient)
        {
            if (path == KernelPath.Vector512)
                for (; i <= n - 16; i += 16)
                    Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.Load(y + i), Vector512<float>.Zero),
                                                Vector512.Load(dy + i), Vector512<float>.Zero).Store(dx + i);
            else if (path == KernelPath.Vector256)
                for (; i <= n - 8; i += 8)
                    Vector256.ConditionalSelect(Vector256.GreaterThan(Vector256.Load(y + i), Vector256<float>.Zero),
                                                Vector256.Load(dy + i), Vector256<float>.Zero).Store(dx + i);
            for (; i < n; i++) dx[i] = y[i] > 0 ? dy[i] : 0f;
        }
    }

    internal static void MomentumStep(Span<float> theta, ReadOnlySpan<float> grad, Span<float> velocity,
                                      float learningRate, float gamma, KernelPath path)
    {
        int i = MomentumStepLanes(theta, grad, velocity, learningRate, gamma, path);
        for (; i < theta.Length; i++)
        {
            velocity[i] = gamma * velocity[i] + learningRate * grad[i];
            theta[i] -= velocity[i];
        }
    }

    /// <summary>
    /// The momentum update on whole vectors only: the first n − n mod (lanes) values, where lanes is 16 on
    /// <see cref="KernelPath.Vector512"/>, 8 on <see cref="KernelPath.Vector256"/> and nothing on <see cref="KernelPath.Scalar"/>.
    /// Returns where it stopped; the caller's plain loop does the rest (this is how <c>Momentum.Step</c> runs fast).
    /// The spans must have one length (callers check).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int MomentumStepLanes(Span<float> theta, ReadOnlySpan<float> grad, Span<float> velocity,
                                          float learningRate, float gamma, KernelPath path)
        // Nesterov's lanes with the remembered θ being θ itself: each lane reads θ before it writes it.
        => NesterovStepLanes(theta, velocity, theta, grad, learningRate, gamma, path);

    /// <summary>PyTorch's SGD step for one parameter, as <c>Sgd.Update</c> writes it: g = ∇ + λ·θ; with μ ≠ 0,
    /// b = (first ? g : μ·b + (1 − τ)·g) and g = (nesterov ? g + μ·b : b); θ = θ − η·g. The choices are made once per
    /// call, outside the loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void SgdStep(Span<float> theta, ReadOnlySpan<float> grad, Span<float> buffer, float eta, float mu,
                                        float tau, float lambda, bool first, bool nesterov, KernelPath path)
    {
        KernelPaths.Require(path);
        int n = theta.Length, i = 0;
        float keep = 1 - tau;
        fixed (float* t = theta, dg = grad, b = buffer)
        {
            if (path == KernelPath.Vector512)
            {
                Vector512<float> etaV = Vector512.Create(eta), muV = Vector512.Create(mu), keepV = Vector512.Create(keep), lambdaV = Vector512.Create(lambda);
                for (; i <= n - 16; i += 16)
                {
                    var ti = Vector512.Load(t + i);
                    var g = Vector512.Load(dg + i) + lambdaV * ti;
                    if (mu != 0)
                    {
                        var bi = first ? g : muV * Vector512.Load(b + i) + keepV * g;
                        bi.Store(b + i);
                        g = nesterov ? g + muV * bi : bi;
                    }
                    (ti - etaV * g).Store(t + i);
                }
            }
            else if (path == KernelPath.Vector256)
            {
                Vector256<float> etaV = Vector256.Create(eta), muV = Vector256.Create(mu), keepV = Vector256.Create(keep), lambdaV = Vector256.Create(lambda);
                for (; i <= n - 8; i += 8)
                {
                    var ti = Vector256.Load(t + i);
                    var g = Vector256.Load(dg + i) + lambdaV * ti;
                    if (mu != 0)
                    {
                        var bi = first ? g : muV * Vector256.Load(b + i) + keepV * g;
                        bi.Store(b + i);
                        g = nesterov ? g + muV * bi : bi;
                    }
                    (ti - etaV * g).Store(t + i);
                }
            }
            for (; i < n; i++)
            {
                float g = dg[i] + lambda * t[i];
                if (mu != 0)
                {
                    float bi = first ? g : mu * b[i] + keep * g;
                    b[i] = bi;
                    g = nesterov ? g + mu * bi : bi;
                }
                t[i] -= eta * g;
            }
        }
    }

    /// <summary>Nesterov's move to the look-ahead point for one parameter: θ = parameter; parameter = θ − γ·v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void LookAhead(Span<float> parameter, Span<float> theta, ReadOnlySpan<float> velocity, float gamma, KernelPath path)
    {
        KernelPaths.Require(path);
        int n = parameter.Length, i = 0;
        fixed (float* x = parameter, th = theta, v = velocity)
        {
            if (path == KernelPath.Vector512)
                for (var gam = Vector512.Create(gamma); i <= n - 16; i += 16)
                {
                    var ti = Vector512.Load(x + i);
                    ti.Store(th + i);
                    (ti - gam * Vector512.Load(v + i)).Store(x + i);
                }
            else if (path == KernelPath.Vector256)
                for (var gam = Vector256.Create(gamma); i <= n - 8; i += 8)
                {
                    var ti = Vector256.Load(x + i);
                    ti.Store(th + i);
                    (ti - gam * Vector256.Load(v + i)).Store(x + i);
                }
            for (; i < n; i++)
            {
                th[i] = x[i];
                x[i] = th[i] - gamma * v[i];
            }
        }
    }

    /// <summary>Nesterov's update for one parameter, from the remembered θ: v = γ·v + η·g; parameter = θ − v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void NesterovStep(Span<float> parameter, Span<float> velocity, ReadOnlySpan<float> theta, ReadOnlySpan<float> grad,
                                      float learningRate, float gamma, KernelPath path)
    {
        int i = NesterovStepLanes(parameter, velocity, theta, grad, learningRate, gamma, path);
        for (; i < parameter.Length; i++)
        {
            float vi = gamma * velocity[i] + learningRate * grad[i];
            velocity[i] = vi;
            parameter[i] = theta[i] - vi;
        }
    }

    /// <summary>Nesterov's update on whole vectors only (16 or 8 values per instruction, none on Scalar); returns where it
    /// stopped, for the caller's plain loop to finish.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static unsafe int NesterovStepLanes(Span<float> parameter, Span<float> velocity, ReadOnlySpan<float> theta, ReadOnlySpan<float> grad,
                                        float learningRate, float gamma, KernelPath path)
    {
        KernelPaths.Require(path);
        int n = parameter.Length, i = 0;
        fixed (float* x = parameter, v = velocity, th = theta, g = grad)
        {
            if (path == KernelPath.Vector512)
            {
                Vector512<float> eta = Vector512.Create(learningRate), gam = Vector512.Create(gamma);
                for (; i <= n - 16; i += 16)
                {
                    var vi = gam * Vector512.Load(v + i) + eta * Vector512.Load(g + i);
                    vi.Store(v + i);
                    (Vector512.Load(th + i) - vi).Store(x + i);
                }
            }
            else if (path == KernelPath.Vector256)
            {
                Vector256<float> eta = Vector256.Create(learningRate), gam = Vector256.Create(gamma);
                for (; i <= n - 8; i += 8)
                {
                    var vi = gam * Vector256.Load(v + i) + eta * Vector256.Load(g + i);
                    vi.Store(v + i);
                    (Vector256.Load(th + i) - vi).Store(x + i);
                }
            }
        }
        return i;
    }

    /// <summary>Nesterov's update followed by the next step's move to the look-ahead point, in one pass over the arrays:
    /// v = γ·v + η·g; θ = θ − v; parameter = θ − γ·v (θ is the remembered one, read and then overwritten). The same
    /// operations in the same order as <see cref="NesterovStep"/> then <see cref="LookAhead"/>, so bitwise the same;
    /// it reads three arrays and writes three where the two passes read five and write four.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void NesterovStepAndLookAhead(Span<float> parameter, Span<float> velocity, Span<float> theta, ReadOnlySpan<float> grad,
                                                         float learningRate, float gamma, KernelPath path)
    {
        KernelPaths.Require(path);
        int n = parameter.Length, i = 0;
        fixed (float* x = parameter, v = velocity, th = theta, g = grad)
        {
            if (path == KernelPath.Vector512)
            {
                Vector512<float> eta = Vector512.Create(learningRate), gam = Vector512.Create(gamma);
                for (; i <= n - 16; i += 16)
                {
                    var vi = gam * Vector512.Load(v + i) + eta * Vector512.Load(g + i);
                    vi.Store(v + i);
                    var ti = Vector512.Load(th + i) - vi;
                    ti.Store(th + i);
                    (ti - gam * vi).Store(x + i);
                }
            }
            else if (path == KernelPath.Vector256)
            {
                Vector256<float> eta = Vector256.Create(learningRate), gam = Vector256.Create(gamma);
                for (; i <= n - 8; i += 8)
                {
                    var vi = gam * Vector256.Load(v + i) + eta * Vector256.Load(g + i);
                    vi.Store(v + i);
                    var ti = Vector256.Load(th + i) - vi;
                    ti.Store(th + i);
                    (ti - gam * vi).Store(x + i);
                }
            }
            for (; i < n; i++)
            {
                float vi = gamma * v[i] + learningRate * g[i];
                v[i] = vi;
                th[i] -= vi;
                x[i] = th[i] - gamma * vi;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void AddToEveryRow(Span<float> matrix, ReadOnlySpan<float> row, int rows, int cols, KernelPath path)
    {
        KernelPaths.Require(path);
        fixed (float* m = matrix, b = row)
            for (int r = 0; r < rows; r++)
                Add(m + (long)r * cols, b, cols, path);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void ColumnSums(ReadOnlySpan<float> matrix, Span<float> sums, int rows, int cols, KernelPath path)
    {
        KernelPaths.Require(path);
        fixed (float* m = matrix, s = sums)
        {
            new Span<float>(s, cols).Clear();
            for (int r = 0; r < rows; r++)
                Add(s, m + (long)r * cols, cols, path);   // s += row r, rows in order as in the plain loop
        }
    }

    /// <summary>target[j] += source[j] for j &lt; count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe void Add(float* target, float* source, int count, KernelPath path)
    {
        int j = 0;
        if (path == KernelPath.Vector512)
            for (; j <= count - 16; j += 16) (Vector512.Load(target + j) + Vector512.Load(source + j)).Store(target + j);
        else if (path == KernelPath.Vector256)
            for (; j <= count - 8; j += 8) (Vector256.Load(target + j) + Vector256.Load(source + j)).Store(target + j);
        for (; j < count; j++) target[j] += source[j];
    }

    static void CheckMatrix(int matrixLength, int rowLength, int rows, int cols, string rowName)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "rows must be 0 or more.");
        if (cols < 0) throw new ArgumentOutOfRangeException(nameof(cols), cols, "cols must be 0 or more.");
        if (matrixLength < (long)rows * cols)
            throw new ArgumentException($"The matrix needs {(long)rows * cols} values for {rows}×{cols}, but the span holds {matrixLength}.", "matrix");
        if (rowLength < cols)
            throw new ArgumentException($"{rowName} needs {cols} values (one per column), but the span holds {rowLength}.", rowName);
    }
}
