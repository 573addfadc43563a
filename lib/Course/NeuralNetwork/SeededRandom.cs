namespace Course.NeuralNetwork;

/// <summary>
/// A small seeded generator (SplitMix64) that produces the same numbers on every runtime and
/// operating system, so that a fixed seed gives the same initial network everywhere.
/// <see cref="System.Random"/> is not used because its sequence is an implementation detail.
/// </summary>
public sealed class SeededRandom
{
    ulong _state;

    /// <param name="seed">Any integer; equal seeds give equal sequences.</param>
    public SeededRandom(long seed) => _state = unchecked((ulong)seed);

    /// <summary>The next 64 random bits: state += 0x9E3779B97F4A7C15, then two xor-shift-multiply rounds.</summary>
    public ulong NextBits()
    {
        unchecked
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A float uniform in [0, 1): the top 24 bits of <see cref="NextBits"/> times 2⁻²⁴.</summary>
    public float NextFloat() => (NextBits() >> 40) * (1.0f / (1 << 24));

    /// <summary>A float uniform in [low, high): low + (high − low)·u with u from <see cref="NextFloat"/>.</summary>
    public float Uniform(float low, float high) => low + (high - low) * NextFloat();
}
