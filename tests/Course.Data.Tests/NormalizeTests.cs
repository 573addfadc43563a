using Course.Data;

namespace Course.Data.Tests;

public class NormalizeTests
{
    [Fact]
    public void Normalize_EveryByteValue_EqualsTheSeedsFormulaBitForBit()
    {
        byte[] all = Enumerable.Range(0, 256).Select(p => (byte)p).ToArray();
        var fast = new float[256];
        Mnist.Normalize(all, fast);
        for (int p = 0; p < 256; p++)
        {
            float x = p / 255f;          // np.array(x, dtype='float32') / 255
            float expected = (x - 0.5f) / 0.5f; // (x - 0.5) / 0.5
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(fast[p]),
                $"pixel {p}: table gives {fast[p]:R}, formula gives {expected:R}");
            Assert.Equal(expected, Mnist.Normalize((byte)p));
        }
    }

    [Theory]
    [InlineData(784)]  // one image: 24 vector blocks of 32 and a table tail of 16
    [InlineData(791)]
    [InlineData(31)]   // table only
    public void Normalize_VectorBlocksAndTableTail_EqualTheSeedsFormulaBitForBit(int length)
    {
        var random = new Random(length);
        var pixels = new byte[length];
        random.NextBytes(pixels);
        var fast = new float[length];
        Mnist.Normalize(pixels, fast);
        for (int i = 0; i < length; i++)
        {
            float expected = (pixels[i] / 255f - 0.5f) / 0.5f;
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(fast[i]),
                $"index {i} (pixel {pixels[i]}): fast path gives {fast[i]:R}, formula gives {expected:R}");
        }
        // the vector part covers exactly the whole blocks of 32, and agrees on its own
        var vectorOnly = new float[length];
        Assert.Equal(length / 32 * 32, Mnist.NormalizeVectors(pixels, vectorOnly));
        Assert.Equal(fast.AsSpan(0, length / 32 * 32).ToArray(), vectorOnly.AsSpan(0, length / 32 * 32).ToArray());
    }

    [Theory]
    [InlineData(0, -1f)]
    [InlineData(255, 1f)]
    [InlineData(51, -0.6f)]
    [InlineData(204, 0.6f)]
    public void Normalize_KnownPixels_MapToTheCentredScale(byte pixel, float expected)
        => Assert.Equal(expected, Mnist.Normalize(pixel), 6);

    [Fact]
    public void Normalize_WritesOnlyThePixelsLength()
    {
        var destination = new float[] { 7, 7, 7, 7 };
        Mnist.Normalize(new byte[] { 0, 255 }, destination);
        Assert.Equal(new float[] { -1, 1, 7, 7 }, destination);
    }

    [Fact]
    public void Normalize_DestinationShorterThanPixels_ThrowsNamingBothLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => Mnist.Normalize(new byte[784], new float[783]));
        Assert.Equal("destination", e.ParamName);
        Assert.Contains("783", e.Message);
        Assert.Contains("784", e.Message);
    }
}
