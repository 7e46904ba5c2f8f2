using System.Globalization;

namespace ServiceManager.Text;

/// <summary>
/// The one look of figures shown to people — <c>svcmgr list</c>, <c>status</c>, <c>metrics</c>, <c>events</c>, the
/// MCP tools' text, <c>svcmgr top</c>, and the daemon's transition reasons and messages: durations <c>42s</c>,
/// <c>3m05s</c>, <c>2h07m</c>, <c>1d03h</c>; sizes <c>512B</c>, <c>3.0M</c>, <c>125M</c>; percentages <c>0.0%</c>,
/// <c>150%</c>; times <c>2026-11-25T16:49:48.596Z</c>; commands shell-quoted. Every figure fits six columns in
/// practice, so the same text serves tables and the dashboard's narrow cells. JSON output never goes through here.
/// </summary>
public static partial class HumanText
{
    /// <summary>Shown where a value is absent (not running, not sampled yet).</summary>
    public const string None = "-";

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? None;

    /// <summary>How a child ended: its signal's name, else <c>code N</c> (<c>code ?</c> when neither is known).</summary>
    public static string Exit(int? code, string? signal) =>
        signal ?? "code " + (code?.ToString(CultureInfo.InvariantCulture) ?? "?");

    /// <summary>At most three significant digits: one decimal below 100, none from 100 on.</summary>
    private static string Figure(double value) =>
        value.ToString(Math.Abs(value) < 99.95 ? "0.0" : "0", CultureInfo.InvariantCulture);
}
