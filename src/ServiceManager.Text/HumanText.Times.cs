using System.Globalization;

namespace ServiceManager.Text;

public static partial class HumanText
{
    /// <summary>A moment in UTC to the millisecond, as log lines and the wire carry it: <c>2026-11-25T16:49:48.596Z</c>.</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The local time of day to the second, <c>16:49:48</c>: for a dashboard that shows only recent moments.</summary>
    public static string ClockTime(DateTimeOffset at) =>
        at.ToLocalTime().ToString("HH':'mm':'ss", CultureInfo.InvariantCulture);

    /// <summary>The local time of day to the minute, <c>03:00</c>: when a cron tick comes.</summary>
    public static string ClockMinute(DateTimeOffset at) =>
        at.ToLocalTime().ToString("HH':'mm", CultureInfo.InvariantCulture);
}
