using System.Globalization;
using System.Text;

namespace ServiceManager.Benchmarks;

/// <summary>
/// What a chatty child hands the log: ~100-byte lines, cut into pipe reads of a fixed size that ignore line ends, so
/// most chunks start and end inside a line (the splitter's carry path runs as it would for real).
/// </summary>
internal static class LogChunks
{
    /// <summary>Bytes of one line, its "\n" included.</summary>
    public const int LineBytes = 100;

    /// <summary>Line <paramref name="index"/>: a sequence number first, so a reader can check order and loss.</summary>
    public static string Line(int index) =>
        string.Format(CultureInfo.InvariantCulture, "{0:D7} INFO request served: GET /api/items?page=3 status=200 bytes=5120 took=12ms worker=", index)
            .PadRight(LineBytes - 1, 'x');

    /// <summary><paramref name="count"/> chunks of <paramref name="chunkBytes"/> cut from consecutive lines.</summary>
    public static byte[][] Make(int chunkBytes, int count)
    {
        var total = chunkBytes * count;
        var stream = new MemoryStream(total + LineBytes);
        for (var i = 0; stream.Length < total; i++)
            stream.Write(Encoding.UTF8.GetBytes(Line(i) + "\n"));
        var bytes = stream.GetBuffer();
        var chunks = new byte[count][];
        for (var c = 0; c < count; c++)
            chunks[c] = bytes.AsSpan(c * chunkBytes, chunkBytes).ToArray();
        return chunks;
    }
}
