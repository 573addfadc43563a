using System.Buffers.Binary;
using System.IO.Compression;

namespace Course.Tests.Shared;

/// <summary>A decoded PNG (8-bit RGB or RGBA, not interlaced, as Chromium writes screenshots), to check a screenshot's pixels.</summary>
public sealed class PngImage
{
    private readonly byte[] _rgba;

    private PngImage(int width, int height, byte[] rgba) => (Width, Height, _rgba) = (width, height, rgba);

    public int Width { get; }
    public int Height { get; }

    /// <summary>The pixel at (x, y) as (red, green, blue).</summary>
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get { int i = 4 * (y * Width + x); return (_rgba[i], _rgba[i + 1], _rgba[i + 2]); }
    }

    /// <summary>Pixels within <paramref name="tolerance"/> (per channel) of the colour.</summary>
    public int Count((byte R, byte G, byte B) colour, int tolerance = 24)
    {
        int n = 0;
        for (int i = 0; i < _rgba.Length; i += 4)
            if (Math.Abs(_rgba[i] - colour.R) <= tolerance && Math.Abs(_rgba[i + 1] - colour.G) <= tolerance && Math.Abs(_rgba[i + 2] - colour.B) <= tolerance)
                n++;
        return n;
    }

    /// <summary>Decodes a PNG file's bytes.</summary>
    /// <exception cref="FormatException">Not a PNG of the kind described above.</exception>
    public static PngImage Decode(byte[] png)
    {
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(signature)) throw new FormatException("not a PNG file");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (int at = 8; at + 8 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[12] != 0) throw new FormatException($"PNG with bit depth {data[8]}, interlace {data[12]}: only 8-bit, not interlaced");
                channels = data[9] switch { 2 => 3, 6 => 4, _ => throw new FormatException($"PNG colour type {data[9]}: only RGB (2) and RGBA (6)") };
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            at += 12 + length;
        }
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(inflated);
        var raw = inflated.ToArray();
        int stride = width * channels;
        var current = new byte[stride];
        var previous = new byte[stride];
        var rgba = new byte[width * height * 4];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            Array.Copy(raw, y * (stride + 1) + 1, current, 0, stride);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? current[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
                current[i] = (byte)(current[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new FormatException($"PNG filter {filter} on row {y}"),
                });
            }
            for (int x = 0; x < width; x++)
            {
                int o = 4 * (y * width + x);
                rgba[o] = current[x * channels];
                rgba[o + 1] = current[x * channels + 1];
                rgba[o + 2] = current[x * channels + 2];
                rgba[o + 3] = channels == 4 ? current[x * channels + 3] : (byte)255;
            }
            (previous, current) = (current, previous);
        }
        return new PngImage(width, height, rgba);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
