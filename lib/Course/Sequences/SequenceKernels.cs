using System.Numerics;
using System.Runtime.CompilerServices;

namespace Course.Sequences;

/// <summary>
/// The element-wise work of the recurrent model beside the matrix products (which run on
/// <see cref="Course.Kernels.MatrixKernels"/>): adding a step's recurrent part, tanh both ways, and the softmax's
/// exponentials. Each has a plain scalar formula written next to a <see cref="Vector{T}"/> loop; tests hold them
/// equal (exactly for add and the tanh derivative, within a few float roundings for exp and tanh, whose vector form
/// is a polynomial).
/// </summary>
public static class SequenceKernels
{
    /// <summary>z[i] = z[i] + r[i].</summary>
    public static void Add(Span<float> z, ReadOnlySpan<float> r)
    {
        int i = 0;
        for (; i <= z.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(z.Slice(i)) + new Vector<float>(r.Slice(i))).CopyTo(z.Slice(i));
        for (; i < z.Length; i++) z[i] += r[i];
    }

    /// <summary>z[i] = tanh(z[i]), computed as 1 − 2 / (e^{2z} + 1).</summary>
    public static void Tanh(Span<float> z)
    {
        int i = 0;
        var one = Vector<float>.One;
        var two = new Vector<float>(2f);
        for (; i <= z.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var e = Exp(two * new Vector<float>(z.Slice(i)));
            (one - two / (e + one)).CopyTo(z.Slice(i));
        }
        for (; i < z.Length; i++) z[i] = MathF.Tanh(z[i]);
    }

    /// <summary>Back through h = tanh(z): dz[i] = (dH[i] + carried[i]) · (1 − h[i]²).</summary>
    public static void TanhBackward(ReadOnlySpan<float> h, ReadOnlySpan<float> dH, ReadOnlySpan<float> carried, Span<float> dz)
    {
        int i = 0;
        for (; i <= h.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var state = new Vector<float>(h.Slice(i));
            ((new Vector<float>(dH.Slice(i)) + new Vector<float>(carried.Slice(i))) * (Vector<float>.One - state * state)).CopyTo(dz.Slice(i));
        }
        for (; i < h.Length; i++) dz[i] = (dH[i] + carried[i]) * (1f - h[i] * h[i]);
    }

    /// <summary>y[i] = e^{x[i] − shift} (the exponent clamped to [−87, 88]), returning Σ_i y[i] (in double). The softmax's numerator and denominator.</summary>
    public static double ExpShifted(ReadOnlySpan<float> x, float shift, Span<float> y)
    {
        int i = 0;
        var s = new Vector<float>(shift);
        var sum = Vector<float>.Zero;
        for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var e = Exp(new Vector<float>(x.Slice(i)) - s);
            e.CopyTo(y.Slice(i));
            sum += e;
        }
        double total = Vector.Sum(sum);
        for (; i < x.Length; i++) total += y[i] = MathF.Exp(Math.Clamp(x[i] - shift, -87f, 88f)); // clamped like the vector lanes
        return total;
    }

    /// <summary>max_i x[i].</summary>
    public static float Max(ReadOnlySpan<float> x)
    {
        int i = 0;
        float max = float.NegativeInfinity;
        if (x.Length >= Vector<float>.Count)
        {
            var m = new Vector<float>(x);
            for (i = Vector<float>.Count; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
                m = Vector.Max(m, new Vector<float>(x.Slice(i)));
            for (int lane = 0; lane < Vector<float>.Count; lane++) max = MathF.Max(max, m[lane]);
        }
        for (; i < x.Length; i++) max = MathF.Max(max, x[i]);
        return max;
    }

    /// <summary>y[i] = y[i] · scale.</summary>
    public static void Scale(Span<float> y, float scale)
    {
        int i = 0;
        var s = new Vector<float>(scale);
        for (; i <= y.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(y.Slice(i)) * s).CopyTo(y.Slice(i));
        for (; i < y.Length; i++) y[i] *= scale;
    }

    /// <summary>
    /// e^x lane by lane: x = n·ln 2 + r with n = round(x / ln 2) and |r| ≤ ln 2 / 2, then e^x = 2^n · e^r with e^r by
    /// its Taylor polynomial of degree 7 (relative error below 1e-7 on that range) and 2^n built in the exponent
    /// bits. Inputs are clamped to [−87, 88], where float's e^x is normal. The rounding adds and subtracts
    /// 1.5·2²³, which leaves n in the low bits of the sum: no float-to-int conversion is needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x)
    {
        var magic = new Vector<float>(12582912f); // 1.5·2²³
        x = Vector.Min(Vector.Max(x, new Vector<float>(-87f)), new Vector<float>(88f));
        var shifted = x * new Vector<float>(1.44269504f) + magic;  // n + magic, rounded to the nearest integer
        var n = shifted - magic;
        var r = x - n * new Vector<float>(0.693145752f) - n * new Vector<float>(1.42860677e-6f); // ln 2 in two parts, hi + lo
        var p = new Vector<float>(1f / 5040);
        p = p * r + new Vector<float>(1f / 720);
        p = p * r + new Vector<float>(1f / 120);
        p = p * r + new Vector<float>(1f / 24);
        p = p * r + new Vector<float>(1f / 6);
        p = p * r + new Vector<float>(0.5f);
        p = p * r + Vector<float>.One;
        p = p * r + Vector<float>.One;
        var integer = Vector.AsVectorInt32(shifted) - Vector.AsVectorInt32(magic);          // n as an int
        var twoToN = Vector.AsVectorSingle((integer + new Vector<int>(127)) * new Vector<int>(1 << 23)); // exponent bits
        return p * twoToN;
    }
}
