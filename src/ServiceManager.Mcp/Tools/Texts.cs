using System.Globalization;
using System.Text;
using ServiceManager.Protocol.Messages;
using ServiceManager.Text;

namespace ServiceManager.Mcp.Tools;

/// <summary>The short human-readable half of each tool result: dense, one instance per line.</summary>
internal static class Texts
{
    public static string Summary(InstanceSummary s)
    {
        var parts = new List<string>();
        if (s.Pid is { } pid) parts.Add($"pid {HumanText.Number(pid)}");
        if (s.Port is { } port) parts.Add($"port {HumanText.Number(port)}");
        if (s.UptimeMs is { } up) parts.Add($"up {HumanText.Duration(up)}");
        if (s.Restarts > 0) parts.Add($"{HumanText.Number(s.Restarts)} restarts");
        if (s.Health != "unknown") parts.Add(s.Health);
        if (s.Pid is null && s.LastExit is { } exit) parts.Add($"last exit {Exit(exit)}");
        if (s.Template is { } template) parts.Add($"template {template}");
        if (s.Tags.Count > 0) parts.Add($"tags {string.Join(',', s.Tags)}");
        return $"{s.Id} (#{HumanText.Number(s.NumericId)}): {s.State}" + (parts.Count > 0 ? ", " + string.Join(", ", parts) : "");
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
        text.Append("command: ").Append(HumanText.Command(d.Command)).Append('\n');
        text.Append("working directory: ").Append(d.WorkingDirectory).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"restart policy: {d.RestartPolicy}, auto start: {(d.AutoStart ? "yes" : "no")}\n");
        if (d.LastExit is { } exit) text.Append(CultureInfo.InvariantCulture, $"last exit: {Exit(exit)} at {HumanText.Timestamp(exit.At)}\n");
        if (d.WaitingFor is { Count: > 0 } waiting) text.Append("waiting for: ").Append(string.Join(", ", waiting)).Append('\n');
        if (d.LastError is { } error) text.Append("last error: ").Append(error).Append('\n');
        if (d.Transitions.Count > 0)
        {
            text.Append("recent transitions:\n");
            foreach (var t in d.Transitions.TakeLast(5)) text.Append(CultureInfo.InvariantCulture, $"  {HumanText.Timestamp(t.At)} {t.From} -> {t.To}: {t.Reason}\n");
        }

        return text.ToString().TrimEnd();
    }

    public static string Log(LogLine line, bool withInstance) =>
        $"{HumanText.Timestamp(line.At)} {(withInstance ? line.Instance + " " : "")}{(line.Stream == "stderr" ? "err" : "out")} {line.Text}";

    public static string Template(TemplateInfo t)
    {
        var text = new StringBuilder(t.Id);
        if (t.DisplayName is { } display) text.Append(CultureInfo.InvariantCulture, $" ({display})");
        if (t.Description is { } description) text.Append(": ").Append(description);
        if (t.StartCommand is { } command) text.Append(CultureInfo.InvariantCulture, $"; runs `{command}`");
        if (t.DefaultPort is { } port) text.Append(CultureInfo.InvariantCulture, $"; port {HumanText.Number(port)}");
        if (t.PortRange is [var first, var last]) text.Append(CultureInfo.InvariantCulture, $" (range {HumanText.Number(first)}-{HumanText.Number(last)})");
        text.Append(t.SupportsMultiple ? "; several instances allowed" : "; one instance at most");
        text.Append("; instances: ").Append(t.Instances.Count == 0 ? "none" : string.Join(", ", t.Instances));
        return text.ToString();
    }

    private static string Exit(LastExitInfo exit) => HumanText.Exit(exit.Code, exit.Signal);
}
