using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Course.Data;

public static partial class Mnist
{
    /// <summary>
    /// The seed's transform of one grey value: scale to [0, 1], then centre on 0 with unit half-range,
    /// <c>x = p / 255</c>, <c>x' = (x − 0.5) / 0.5</c>, so 0 → −1 and 255 → 1. Computed in float, as the seed does.
    /// </summary>
    public static float Normalize(byte pixel) => (pixel / 255f - 0.5f) / 0.5f;

    /// <summary>
    /// Applies <see cref="Normalize(byte)"/> to every pixel: <c>destination[i] = (pixels[i] / 255 − 0.5) / 0.5</c>.
    /// The fast path converts 32 pixels at a time with the same float operations (a division by 255, then − 0.5,
    /// then × 2, which is exactly ÷ 0.5 in binary floating point), so every value is bitwise the formula's; the tail
    /// uses a 256-entry table built from the formula. Tests hold both equal to <see cref="Normalize(byte)"/>.
    /// </summary>
    /// <param name="pixels">Raw grey values 0..255.</param>
    /// <param name="destination">At least as long as <paramref name="pixels"/>; only the first pixels.Length values are written.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="pixels"/>.</exception>
    public static void Normalize(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        if (destination.Length < pixels.Length)
            throw new ArgumentException(
                $"destination has {destination.Length} elements, expected at least {pixels.Length} (one per pixel).", nameof(destination));
        int i = Vector256.IsHardwareAccelerated ? NormalizeVectors(pixels, destination) : 0;
        var table = NormalizedValues;
        for (; i < pixels.Length; i++)
            destination[i] = table[pixels[i]];
    }

    /// <summary>The vector part of <see cref="Normalize(ReadOnlySpan{byte}, Span{float})"/>: whole blocks of 32 pixels;
    /// returns how many pixels it wrote.</summary>
    internal static int NormalizeVectors(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        var scale = Vector256.Create(255f);
        var half = Vector256.Create(0.5f);
        var two = Vector256.Create(2f);
        ref byte source = ref MemoryMarshal.GetReference(pixels);
        ref float target = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        for (; i + 32 <= pixels.Length; i += 32)
        {
            var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref source, (nuint)i)); // 32 bytes → 2 × 16 ushorts
            var (q0, q1) = Vector256.Widen(low);                                              // → 4 × 8 uints
            var (q2, q3) = Vector256.Widen(high);
            ((Vector256.ConvertToSingle(q0.AsInt32()) / scale - half) * two).StoreUnsafe(ref target, (nuint)i);
            ((Vector256.ConvertToSingle(q1.AsInt32()) / scale - half) * two).StoreUnsafe(ref target, (nuint)(i + 8));
            ((Vector256.ConvertToSingle(q2.AsInt32()) / scale - half) * two).StoreUnsafe(ref target, (nuint)(i + 16));
            ((Vector256.ConvertToSingle(q3.AsInt32()) / scale - half) * two).StoreUnsafe(ref target, (nuint)(i + 24));
        }
        return i;
    }

    /// <summary><c>NormalizedValues[p] = Normalize(p)</c> for every byte p: the fast path's lookup table.</summary>
    internal static readonly float[] NormalizedValues = Enumerable.Range(0, 256).Select(p => Normalize((byte)p)).ToArray();
}
