using System.Globalization;
using System.Text;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Mcp.Tools;

/// <summary>The short human-readable half of each tool result: dense, one instance per line.</summary>
internal static class Texts
{
    public static string Summary(InstanceSummary s)
    {
        var parts = new List<string>();
        if (s.Pid is { } pid) parts.Add($"pid {Int(pid)}");
        if (s.Port is { } port) parts.Add($"port {Int(port)}");
        if (s.UptimeMs is { } up) parts.Add($"up {Duration(up)}");
        if (s.Restarts > 0) parts.Add($"{Int(s.Restarts)} restarts");
        if (s.Health != "unknown") parts.Add(s.Health);
        if (s.Pid is null && s.LastExit is { } exit) parts.Add($"last exit {Exit(exit)}");
        if (s.Template is { } template) parts.Add($"template {template}");
        if (s.Tags.Count > 0) parts.Add($"tags {string.Join(',', s.Tags)}");
        return $"{s.Id} (#{Int(s.NumericId)}): {s.State}" + (parts.Count > 0 ? ", " + string.Join(", ", parts) : "");
    }

    public static string List(IReadOnlyList<InstanceSummary> rows, bool filtered)
    {
        if (rows.Count == 0)
            return filtered ? "No instances match." : "No instances. Start a command with start_process, or create one from a template with create_instance.";
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{rows.Count} instance{(rows.Count == 1 ? "" : "s")}:\n");
        foreach (var row in rows) text.Append("- ").AppendLine(Summary(row));
        return text.ToString().TrimEnd();
    }

    public static string Detail(InstanceDetail d)
    {
        var text = new StringBuilder(Summary(d)).Append('\n');
        text.Append("command: ").AppendJoin(' ', d.Command.Select(Quote)).Append('\n');
        text.Append("working directory: ").Append(d.WorkingDirectory).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"restart policy: {d.RestartPolicy}, auto start: {(d.AutoStart ? "yes" : "no")}\n");
        if (d.LastExit is { } exit) text.Append(CultureInfo.InvariantCulture, $"last exit: {Exit(exit)} at {Time(exit.At)}\n");
        if (d.WaitingFor is { Count: > 0 } waiting) text.Append("waiting for: ").Append(string.Join(", ", waiting)).Append('\n');
        if (d.LastError is { } error) text.Append("last error: ").Append(error).Append('\n');
        if (d.Transitions.Count > 0)
        {
            text.Append("recent transitions:\n");
            foreach (var t in d.Transitions.TakeLast(5)) text.Append(CultureInfo.InvariantCulture, $"  {Time(t.At)} {t.From} -> {t.To}: {t.Reason}\n");
        }

        return text.ToString().TrimEnd();
    }

    public static string Log(LogLine line, bool withInstance) =>
        $"{Time(line.At)} {(withInstance ? line.Instance + " " : "")}{(line.Stream == "stderr" ? "err" : "out")} {line.Text}";

    public static string Template(TemplateInfo t)
    {
        var text = new StringBuilder(t.Id);
        if (t.DisplayName is { } display) text.Append(CultureInfo.InvariantCulture, $" ({display})");
        if (t.Description is { } description) text.Append(": ").Append(description);
        if (t.StartCommand is { } command) text.Append(CultureInfo.InvariantCulture, $"; runs `{command}`");
        if (t.DefaultPort is { } port) text.Append(CultureInfo.InvariantCulture, $"; port {Int(port)}");
        if (t.PortRange is [var first, var last]) text.Append(CultureInfo.InvariantCulture, $" (range {Int(first)}-{Int(last)})");
        text.Append(t.SupportsMultiple ? "; several instances allowed" : "; one instance at most");
        text.Append("; instances: ").Append(t.Instances.Count == 0 ? "none" : string.Join(", ", t.Instances));
        return text.ToString();
    }

    public static string Exit(LastExitInfo exit) => exit.Signal ?? $"code {exit.Code?.ToString(CultureInfo.InvariantCulture) ?? "?"}";

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@%+,".Contains(c, StringComparison.Ordinal)) ? word : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static string Duration(long milliseconds)
    {
        var t = TimeSpan.FromMilliseconds(milliseconds);
        return t.TotalSeconds < 60 ? $"{(int)t.TotalSeconds}s"
            : t.TotalMinutes < 60 ? $"{(int)t.TotalMinutes}m{t.Seconds:00}s"
            : t.TotalHours < 24 ? $"{(int)t.TotalHours}h{t.Minutes:00}m"
            : $"{(int)t.TotalDays}d{t.Hours:00}h";
    }
}
