using System.Buffers.Text;

namespace ServiceManager.Monitoring.Unix;

/// <summary>Parsers for the system-wide procfs files, on bytes (no strings per cycle).</summary>
internal static class ProcTextParser
{
    /// <summary><c>/proc/loadavg</c>: "0.52 0.58 0.59 2/345 6789".</summary>
    public static bool TryParseLoadAverage(ReadOnlySpan<byte> text, out double one, out double five, out double fifteen)
    {
        five = fifteen = 0;
        return TryNextDouble(ref text, out one) && TryNextDouble(ref text, out five) && TryNextDouble(ref text, out fifteen);
    }

    /// <summary><c>/proc/uptime</c>: "3498.56 6800.12" (seconds since boot, then idle seconds).</summary>
    public static bool TryParseUptime(ReadOnlySpan<byte> text, out double seconds) => TryNextDouble(ref text, out seconds);

    /// <summary><c>/proc/meminfo</c>: the <c>MemTotal</c> and <c>MemAvailable</c> lines, in kB (really KiB).</summary>
    public static bool TryParseMemory(ReadOnlySpan<byte> text, out long totalBytes, out long availableBytes)
    {
        totalBytes = availableBytes = -1;
        while (text.Length > 0 && (totalBytes < 0 || availableBytes < 0))
        {
            var end = text.IndexOf((byte)'\n');
            var line = end < 0 ? text : text[..end];
            if (line.StartsWith("MemTotal:"u8)) totalBytes = KibToBytes(line["MemTotal:"u8.Length..]);
            else if (line.StartsWith("MemAvailable:"u8)) availableBytes = KibToBytes(line["MemAvailable:"u8.Length..]);
            if (end < 0) break;
            text = text[(end + 1)..];
        }
        return totalBytes >= 0 && availableBytes >= 0;
    }

    /// <summary>
    /// The first line of <c>/proc/stat</c>: "cpu user nice system idle iowait irq softirq steal guest guest_nice" in
    /// ticks, summed over all cores. Guest time is already inside user and nice, so it is not added again.
    /// </summary>
    public static bool TryParseCpuTotals(ReadOnlySpan<byte> text, out long busy, out long total)
    {
        busy = total = 0;
        if (!text.StartsWith("cpu "u8)) return false;
        text = text[4..];
        long idle = 0;
        for (var i = 0; i < 8; i++)
        {
            if (!TryNextLong(ref text, out var value)) return i >= 4; // very old kernels stop after idle
            total += value;
            if (i is 3 or 4) idle += value; // idle, iowait
            busy = total - idle;
        }
        return true;
    }

    private static long KibToBytes(ReadOnlySpan<byte> text) => TryNextLong(ref text, out var kib) ? kib * 1024 : -1;

    private static bool TryNextDouble(ref ReadOnlySpan<byte> text, out double value)
    {
        text = text.TrimStart(" \t"u8);
        if (!Utf8Parser.TryParse(text, out value, out var consumed)) return false;
        text = text[consumed..];
        return true;
    }

    private static bool TryNextLong(ref ReadOnlySpan<byte> text, out long value)
    {
        text = text.TrimStart(" \t"u8);
        if (!Utf8Parser.TryParse(text, out value, out var consumed)) return false;
        text = text[consumed..];
        return true;
    }
}
