namespace Course.Data;

/// <summary>
/// One split of MNIST (or of a data set with the same layout), stored compactly as raw bytes:
/// image <c>i</c> is <c>Pixels[i*784 .. i*784+783]</c>, 28 rows of 28 grey values 0..255, and its digit is <c>Labels[i]</c>.
/// All 70,000 MNIST images take 55 MB this way; normalize them batch by batch with <see cref="Mnist.Normalize(ReadOnlySpan{byte}, Span{float})"/>.
/// </summary>
public sealed class MnistSet
{
    public const int Rows = 28, Columns = 28, PixelsPerImage = Rows * Columns;
    public const int Classes = 10;

    /// <summary>Wraps (does not copy) images and labels after checking that they agree.</summary>
    /// <param name="pixels">Count × 784 bytes, row-major, image after image.</param>
    /// <param name="labels">Count labels, each 0..9.</param>
    /// <exception cref="ArgumentException">The lengths disagree or a label is outside 0..9.</exception>
    public MnistSet(byte[] pixels, byte[] labels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if (pixels.Length != labels.Length * (long)PixelsPerImage)
            throw new ArgumentException(
                $"pixels has {pixels.Length} bytes but {labels.Length} labels need {labels.Length * (long)PixelsPerImage} (784 per image).",
                nameof(pixels));
        int bad = IndexOfInvalidLabel(labels);
        if (bad >= 0)
            throw new ArgumentException($"labels[{bad}] is {labels[bad]}, expected a digit 0..9.", nameof(labels));
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>Number of images (and labels).</summary>
    public int Count => Labels.Length;

    /// <summary>Count × 784 raw grey values, row-major, image after image.</summary>
    public byte[] Pixels { get; }

    /// <summary>Count digits, each 0..9.</summary>
    public byte[] Labels { get; }

    /// <summary>The 784 pixels of image <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0..Count−1.</exception>
    public ReadOnlySpan<byte> Image(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"expected an image index in 0..{Count - 1}.");
        return Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
    }

    /// <summary>A new set holding copies of the first <paramref name="count"/> images and labels: a smaller set for quick experiments.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside 0..Count.</exception>
    public MnistSet Take(int count)
    {
        if ((uint)count > (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"expected a number of images in 0..{Count}.");
        return new MnistSet(Pixels[..(count * PixelsPerImage)], Labels[..count]);
    }

    /// <summary>The position of the first label outside 0..9, or −1 if all are digits.</summary>
    internal static int IndexOfInvalidLabel(ReadOnlySpan<byte> labels) => labels.IndexOfAnyExceptInRange((byte)0, (byte)(Classes - 1));
}
