namespace Course.Data;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014; the seeding generator of xoshiro): a 64-bit state that advances by
/// the golden-ratio constant 0x9E3779B97F4A7C15, each output a bit-mixed copy of the state.
/// Written out here, rather than System.Random, so that a seed gives the same shuffle on every .NET version.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    ulong state = seed;

    /// <summary>The next 64 random bits: <c>state += 0x9E3779B97F4A7C15</c>, then two xor-shift-multiply rounds and a final xor-shift.</summary>
    public ulong NextUInt64()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// A uniform integer in 0..<paramref name="bound"/>−1, without modulo bias (Lemire 2019: the high half of
    /// a 64×64-bit product, redrawing the rare values that would favour small results).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is not positive.</exception>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        ulong range = (ulong)bound;
        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0UL - range) % range; // 2^64 mod range
            while (low < threshold)
                high = Math.BigMul(NextUInt64(), range, out low);
        }
        return (int)high;
    }

    /// <summary>Fisher–Yates: for i from n−1 down to 1, swap item i with a uniformly chosen item j in 0..i.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
