using System.Globalization;

namespace ServiceManager.Supervision;

/// <summary>Durations as the config writes them ("250ms", "2s", "5m"), for transition reasons.</summary>
internal static class DurationText
{
    public static string Format(TimeSpan value)
    {
        if (value <= TimeSpan.Zero) return "0s";
        if (value < TimeSpan.FromSeconds(1)) return $"{(long)value.TotalMilliseconds}ms";
        if (value.Ticks % TimeSpan.TicksPerHour == 0) return $"{(long)value.TotalHours}h";
        if (value.Ticks % TimeSpan.TicksPerMinute == 0) return $"{(long)value.TotalMinutes}m";
        return value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
    }
}
