using Cronos;

namespace ServiceManager.Config.Model;

/// <summary>
/// A 5-field cron expression (<c>cron_restart</c>, <c>schedule</c>): minute, hour, day of month, month, day of week,
/// or a macro such as <c>@daily</c>. Two schedules are equal when their text is.
/// </summary>
public sealed class CronSchedule : IEquatable<CronSchedule>
{
    private readonly CronExpression _expression;

    private CronSchedule(string text, CronExpression expression)
    {
        Text = text;
        _expression = expression;
    }

    /// <summary>As written in the config.</summary>
    public string Text { get; }

    /// <param name="seed">Picks the value of Cronos's <c>H</c> (a hashed minute, hour, ...): the instance's own, so
    /// that jobs written <c>H * * * *</c> spread over the hour and each keeps its minute.</param>
    public static bool TryParse(string text, int seed, out CronSchedule? schedule, out string error)
    {
        schedule = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty cron expression";
            return false;
        }

        try
        {
            var expression = CronExpression.Parse(text.Trim(), CronFormat.Standard, seed);
            // Valid fields can still describe a date that never comes ("0 0 30 2 *").
            if (expression.GetNextOccurrence(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc) is null)
            {
                error = "it never fires (no date matches every field)";
                return false;
            }

            schedule = new CronSchedule(text.Trim(), expression);
            return true;
        }
        catch (CronFormatException ex)
        {
            error = ex.Message.TrimEnd('.');
            return false;
        }
    }

    /// <summary>A seed for <see cref="TryParse"/> that is the same for an id in every daemon (string hashes are not).</summary>
    public static int SeedOf(string id)
    {
        var hash = 2166136261u;
        foreach (var c in id) hash = (hash ^ c) * 16777619u;
        return (int)(hash & 0x7FFFFFFF);
    }

    /// <summary>
    /// The first tick after <paramref name="after"/> (exclusive) in <paramref name="zone"/>; null if none is left.
    /// Daylight saving time follows Cronos (as Vixie cron does): a time skipped when clocks go forward fires at the
    /// moment after the gap; when clocks go back, a fixed time fires once and an interval (<c>*/5</c>) in both hours.
    /// </summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone) => _expression.GetNextOccurrence(after, zone);

    public bool Equals(CronSchedule? other) => other is not null && Text == other.Text;

    public override bool Equals(object? obj) => Equals(obj as CronSchedule);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;
}
