using Course.Data;

namespace Course.Data.Tests;

public class MnistSetTests
{
    [Fact]
    public void MnistSet_LengthsDisagree_ThrowsNamingBothLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => new MnistSet(new byte[784 * 2], new byte[3]));
        Assert.Contains("1568", e.Message);
        Assert.Contains("2352", e.Message);
    }

    [Fact]
    public void MnistSet_LabelOutsideZeroToNine_ThrowsNamingIndexAndValue()
    {
        var e = Assert.Throws<ArgumentException>(() => new MnistSet(new byte[784 * 2], [3, 255]));
        Assert.Contains("labels[1] is 255", e.Message);
    }

    [Fact]
    public void MnistSet_Take_CopiesTheFirstImagesAndLabels()
    {
        var set = new MnistSet(Enumerable.Range(0, 3 * 784).Select(i => (byte)(i / 784)).ToArray(), [7, 8, 9]);
        var first = set.Take(2);

        Assert.Equal(2, first.Count);
        Assert.Equal(new byte[] { 7, 8 }, first.Labels);
        Assert.Equal(1, first.Image(1)[783]);
        first.Pixels[0] = 200;
        Assert.Equal(0, set.Pixels[0]); // a copy: the original set is untouched
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Take(4));
    }

    [Fact]
    public void MnistSet_ImageIndexOutOfRange_ThrowsArgumentOutOfRange()
    {
        var set = new MnistSet(new byte[784 * 2], [3, 4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Image(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Image(-1));
    }
}
