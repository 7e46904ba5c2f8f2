using System.Globalization;

namespace ServiceManager.Text;

public static partial class HumanText
{
    private const long MsPerSecond = 1000, MsPerMinute = 60 * MsPerSecond, MsPerHour = 60 * MsPerMinute, MsPerDay = 24 * MsPerHour;

    /// <summary>
    /// How long something has lasted (an uptime): its two largest units, truncated, the smaller one two digits wide —
    /// <c>0s</c>, <c>59s</c>, <c>1m00s</c>, <c>2h05m</c>, <c>3d04h</c>. A negative span (clocks apart) reads <c>0s</c>.
    /// </summary>
    public static string Duration(TimeSpan? value) =>
        value is { } span ? Duration(span.Ticks / TimeSpan.TicksPerMillisecond) : None;

    /// <inheritdoc cref="Duration(TimeSpan?)"/>
    /// <param name="milliseconds">A span in milliseconds, as the wire's <c>*Ms</c> fields carry it.</param>
    public static string Duration(long? milliseconds)
    {
        if (milliseconds is not { } ms) return None;
        if (ms < 0) ms = 0;
        return ms switch
        {
            < MsPerMinute => Invariant($"{ms / MsPerSecond}s"),
            < MsPerHour => Invariant($"{ms / MsPerMinute}m{ms % MsPerMinute / MsPerSecond:00}s"),
            < MsPerDay => Invariant($"{ms / MsPerHour}h{ms % MsPerHour / MsPerMinute:00}m"),
            _ => Invariant($"{ms / MsPerDay}d{ms % MsPerDay / MsPerHour:00}h"),
        };
    }

    /// <summary>
    /// A configured wait (a restart backoff, a stop timeout) in the look of <see cref="Duration(TimeSpan?)"/>, except
    /// that a wait under a minute keeps its fraction — <c>250ms</c>, <c>1.5s</c>, <c>10s</c> — because short waits are
    /// configured that finely and "restarting in 0s" for 250 ms would be wrong. Zero or less reads <c>0s</c>.
    /// </summary>
    public static string Delay(TimeSpan value)
    {
        if (value <= TimeSpan.Zero) return "0s";
        if (value < TimeSpan.FromSeconds(1)) return Invariant($"{(long)value.TotalMilliseconds}ms");
        if (value < TimeSpan.FromMinutes(1)) return value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        return Duration(value);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
