namespace Course;

/// <summary>
/// The library's one random generator, SplitMix64 (Steele, Lea and Flood, 2014; the seeding generator of xoshiro):
/// a 64-bit state that advances by the golden-ratio constant 0x9E3779B97F4A7C15, each output a bit-mixed copy of the
/// state. It draws the network's initial weights (<see cref="NeuralNetwork.Linear"/>) and shuffles the batches
/// (<see cref="Data.BatchLoader"/>). Written out here rather than <see cref="System.Random"/>, whose sequence is an
/// implementation detail, so that a seed gives the same numbers on every runtime and operating system.
/// </summary>
public sealed class SeededRandom
{
    ulong _state;

    /// <param name="seed">Any integer, the initial state (its 64 bits as they are); equal seeds give equal sequences.</param>
    public SeededRandom(long seed) => _state = unchecked((ulong)seed);

    /// <summary>The next 64 random bits: <c>state += 0x9E3779B97F4A7C15</c>, then two xor-shift-multiply rounds and a final xor-shift.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A float uniform in [0, 1): the top 24 bits of <see cref="NextUInt64"/> times 2⁻²⁴.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A float uniform in [low, high): low + (high − low)·u with u from <see cref="NextFloat"/>.</summary>
    public float Uniform(float low, float high) => low + (high - low) * NextFloat();

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
