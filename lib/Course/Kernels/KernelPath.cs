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
