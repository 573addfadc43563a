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
    /// Uses a 256-entry table built from that formula (a test holds the two equal).
    /// </summary>
    /// <param name="pixels">Raw grey values 0..255.</param>
    /// <param name="destination">At least as long as <paramref name="pixels"/>; only the first pixels.Length values are written.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="pixels"/>.</exception>
    public static void Normalize(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        if (destination.Length < pixels.Length)
            throw new ArgumentException(
                $"destination has {destination.Length} elements, expected at least {pixels.Length} (one per pixel).", nameof(destination));
        var table = NormalizedValues;
        for (int i = 0; i < pixels.Length; i++)
            destination[i] = table[pixels[i]];
    }

    /// <summary><c>NormalizedValues[p] = Normalize(p)</c> for every byte p: the fast path's lookup table.</summary>
    internal static readonly float[] NormalizedValues = Enumerable.Range(0, 256).Select(p => Normalize((byte)p)).ToArray();
}
