using System.Globalization;

namespace ServiceManager.Config.Text;

/// <summary>Durations ("250ms", "10s", "1m30s") and sizes ("512K", "500M", "1G", or a plain byte count).</summary>
internal static class Units
{
    public const string DurationHint = "expected a duration such as \"250ms\", \"10s\", \"5m\" or \"1h\"";
    public const string SizeHint = "expected a size such as \"512K\", \"500M\", \"1G\" or a number of bytes";

    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text.Trim();
        if (s.Length == 0) return false;
        var i = 0;
        double totalMs = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == start || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;
            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
            double? factor = s[unitStart..i].ToLowerInvariant() switch
            {
                "ms" => 1,
                "s" => 1000,
                "m" => 60_000,
                "h" => 3_600_000,
                _ => null,
            };
            if (factor is null) return false;
            totalMs += number * factor.Value;
        }

        if (totalMs > TimeSpan.MaxValue.TotalMilliseconds / 2) return false;
        value = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }

    /// <summary>Binary units: 1K = 1024 bytes, as memory is counted.</summary>
    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var s = text.Trim();
        var i = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
        if (i == 0 || !double.TryParse(s.AsSpan(0, i), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return false;
        double? factor = s[i..].Trim().ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1024,
            "M" or "MB" or "MIB" => 1024 * 1024,
            "G" or "GB" or "GIB" => 1024 * 1024 * 1024,
            "T" or "TB" or "TIB" => 1024L * 1024 * 1024 * 1024,
            _ => null,
        };
        if (factor is null) return false;
        var value = number * factor.Value;
        if (value >= long.MaxValue) return false;
        bytes = (long)value;
        return true;
    }
}
