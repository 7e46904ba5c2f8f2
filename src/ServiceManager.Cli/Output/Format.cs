using System.Globalization;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Cli.Output;

/// <summary>Human renderings of the numbers the daemon sends.</summary>
internal static class Format
{
    public const string None = "-";

    public static string Duration(long? milliseconds)
    {
        if (milliseconds is not { } ms) return None;
        var t = TimeSpan.FromMilliseconds(ms);
        return t.TotalSeconds < 60 ? $"{(int)t.TotalSeconds}s"
            : t.TotalMinutes < 60 ? $"{(int)t.TotalMinutes}m{t.Seconds:00}s"
            : t.TotalHours < 24 ? $"{(int)t.TotalHours}h{t.Minutes:00}m"
            : $"{(int)t.TotalDays}d{t.Hours:00}h";
    }

    public static string Bytes(long? bytes)
    {
        if (bytes is not { } b) return None;
        return b switch
        {
            < 1024 => $"{b}B",
            < 1024 * 1024 => (b / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + "K",
            < 1024L * 1024 * 1024 => (b / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + "M",
            _ => (b / (1024.0 * 1024 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + "G",
        };
    }

    public static string Percent(double? value) =>
        value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : None;

    public static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? None;

    public static string Exit(LastExitInfo? exit) =>
        exit is null ? None : exit.Signal is { } s ? s : $"code {exit.Code}";

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
