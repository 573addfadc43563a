using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Course.Kernels;

/// <summary>The instruction set a fast kernel runs on. The widest one the CPU has is the default;
/// tests force the narrower ones so that every fallback is checked against the reference.</summary>
internal enum KernelPath
{
    /// <summary>Plain float arithmetic: any CPU.</summary>
    Scalar,

    /// <summary>8 floats per instruction: AVX2 with FMA.</summary>
    Vector256,

    /// <summary>16 floats per instruction: AVX-512F.</summary>
    Vector512,
}

internal static class KernelPaths
{
    /// <summary>The widest path this CPU runs, chosen once.</summary>
    public static readonly KernelPath Best =
        Avx512F.IsSupported && Vector512.IsHardwareAccelerated ? KernelPath.Vector512
        : Avx2.IsSupported && Fma.IsSupported ? KernelPath.Vector256
        : KernelPath.Scalar;

    /// <summary>The path for a product of m·k·n multiply-adds: the widest, except that products below 2²⁰ run the
    /// AVX2 kernels on an AVX-512 CPU. At the small products of a training step (64×200×10, 10×64×200, 64×10×200)
    /// those took 3.1–3.5 µs against 4.5–5.4 µs for the AVX-512 ones (<c>course bench kernels</c>): k = 200 and n = 10
    /// leave scalar tails of 8 behind 16-wide vectors that 8-wide ones cover.</summary>
    public static KernelPath For(int m, int k, int n)
        => Best == KernelPath.Vector512 && (long)m * k * n < 1L << 20 ? KernelPath.Vector256 : Best;

    /// <summary>Every path this CPU can run, narrowest first.</summary>
    public static IEnumerable<KernelPath> Supported()
    {
        yield return KernelPath.Scalar;
        if (Best >= KernelPath.Vector256) yield return KernelPath.Vector256;
        if (Best >= KernelPath.Vector512) yield return KernelPath.Vector512;
    }

    /// <summary>Throws if the CPU cannot run <paramref name="path"/>, so that a forced path never
    /// dies with an illegal instruction.</summary>
    public static void Require(KernelPath path)
    {
        if (path > Best)
            throw new PlatformNotSupportedException($"Kernel path {path} needs an instruction set this CPU lacks (best here: {Best}).");
    }
}
