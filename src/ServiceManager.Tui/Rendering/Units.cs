using System.Globalization;

namespace ServiceManager.Tui.Rendering;

/// <summary>Compact numbers for narrow cells: "125M", "2h 15m", "2.3%".</summary>
public static class Units
{
    public const string None = "-";

    public static string Bytes(long? bytes)
    {
        if (bytes is not { } b) return None;
        string[] units = ["B", "K", "M", "G", "T"];
        double value = b;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        var format = value < 10 && unit > 0 ? "0.0" : "0";
        return value.ToString(format, CultureInfo.InvariantCulture) + units[unit];
    }

    public static string Percent(double? percent) =>
        percent is { } p ? p.ToString(p < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + "%" : None;

    public static string Duration(TimeSpan? span)
    {
        if (span is not { } d) return None;
        if (d < TimeSpan.Zero) d = TimeSpan.Zero;
        if (d.TotalSeconds < 60) return $"{(int)d.TotalSeconds}s";
        if (d.TotalMinutes < 60) return $"{(int)d.TotalMinutes}m {d.Seconds}s";
        if (d.TotalHours < 24) return $"{(int)d.TotalHours}h {d.Minutes}m";
        return $"{(int)d.TotalDays}d {d.Hours}h";
    }

    public static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? None;
}
