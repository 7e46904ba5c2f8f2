using ServiceManager.Cli.Completion;
using System.CommandLine;
using System.Text;
using ServiceManager.Cli.Output;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Text;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr status NAME</c> (<c>info</c>): one instance in detail.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = NameHelp.Description }.CompletesInstanceNames();
        var showEnv = new Option<bool>("--show-env") { Description = "Show the values of the instance's environment (hidden by default: they are often secrets)" };
        var command = new Command("status", "Show one instance in detail, with its recent state transitions") { name, showEnv, GlobalOptions.Json };
        command.Aliases.Add("info");
        command.SetAction((parse, ct) => DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
        {
            var detail = await client.StatusAsync(parse.GetValue(name)!, parse.GetValue(showEnv), ct);
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(detail, JsonOutput.Document.InstanceDetail);
            else Console.Out.Write(detail.Members is { } members ? RenderGroup(detail, members) : Render(detail));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    /// <summary>"waiting for: migrate: completed with exit 1 — never", one dependency a line.</summary>
    private static void AppendWaits(StringBuilder text, InstanceDetail d)
    {
        IReadOnlyList<string> lines = d.WaitReasons is { Count: > 0 } reasons
            ? [.. reasons.Select(r => $"{r.Name}: {r.Reason}{(r.Never ? " — never" : "")}")]
            : d.WaitingFor ?? [];
        for (var i = 0; i < lines.Count; i++)
            text.Append(i == 0 ? "waiting for: " : "             ").Append(lines[i]).Append('\n');
    }

    private static string NextTick(DateTimeOffset? at) => at is { } next ? HumanText.Timestamp(next) : HumanText.None;

    /// <summary><c>status GROUP</c>: the group's shared settings (member 0's), then its members as <c>list</c> shows them.</summary>
    public static string RenderGroup(InstanceDetail d, IReadOnlyList<InstanceSummary> members)
    {
        var text = new StringBuilder();
        void Field(string label, string value) => text.Append((label + ":").PadRight(12)).Append(value).Append('\n');
        var running = members.Count(m => m.State == "running");
        Field("group", $"{d.Group} ({HumanText.Number(members.Count)} members, {HumanText.Number(running)} running)");
        Field("template", d.Template ?? HumanText.None);
        Field("command", HumanText.Command(d.Command));
        Field("cwd", d.WorkingDirectory);
        Field("restart", d.RestartPolicy);
        text.Append("members:\n").Append(ListCommand.Render(members));
        return text.ToString();
    }

    public static string Render(InstanceDetail d)
    {
        var text = new StringBuilder();
        void Field(string label, string value) => text.Append((label + ":").PadRight(12)).Append(value).Append('\n');
        Field("instance", $"{d.Id} (#{d.NumericId})");
        if (d.Group is { } group) Field("group", group);
        Field("template", d.Template ?? HumanText.None);
        Field("state", d.State);
        Field("health", d.Health);
        Field("pid", HumanText.Number(d.Pid));
        Field("port", HumanText.Number(d.Port));
        Field("uptime", HumanText.Duration(d.UptimeMs));
        Field("cpu", HumanText.Percent(d.CpuPercent));
        Field("memory", HumanText.Bytes(d.MemoryBytes));
        Field("restarts", HumanText.Number(d.Restarts));
        Field("last exit", d.LastExit is { } e ? $"{HumanText.Exit(e.Code, e.Signal)} at {HumanText.Timestamp(e.At)}" : HumanText.None);
        Field("command", HumanText.Command(d.Command));
        Field("cwd", d.WorkingDirectory);
        Field("restart", d.RestartPolicy);
        Field("auto start", d.AutoStart ? "yes" : "no");
        Field("tags", d.Tags.Count == 0 ? HumanText.None : string.Join(", ", d.Tags));
        if (d.Schedule is { } schedule) Field("schedule", $"{schedule}, next run {NextTick(d.NextRun)}");
        if (d.CronRestart is { } cron) Field("cron restart", $"{cron}, next {NextTick(d.NextRestart)}");
        if (d.Watch is { } watch)
            Field("watch", $"{string.Join(", ", watch.Paths)}{(watch.Ignore.Count == 0 ? "" : $" (ignoring {string.Join(", ", watch.Ignore)})")}");
        if (d.ReadyLogLine is { } readyLine) Field("ready line", $"{readyLine} ({(d.LogReady == true ? "printed" : "not printed yet")})");
        if (d.DependsOn.Count > 0)
            Field("depends on", string.Join(", ", d.DependsOn.Select(x => x.Condition == "running" ? x.Name : $"{x.Name} ({x.Condition})")));
        AppendWaits(text, d);
        if (d.LastError is { } error) Field("last error", error);
        if (d.Environment is { Count: > 0 } environment)
        {
            text.Append("env:").Append(environment.Values.All(v => v == InstanceDetail.Hidden) ? "        (values hidden; --show-env shows them)\n" : "\n");
            foreach (var (key, value) in environment) text.Append("  ").Append(key).Append('=').Append(value).Append('\n');
        }
        text.Append("transitions:\n");
        foreach (var t in d.Transitions)
            text.Append("  ").Append(HumanText.Timestamp(t.At)).Append("  ").Append(t.From).Append(" -> ").Append(t.To)
                .Append("  ").Append(t.Reason).Append('\n');
        return text.ToString();
    }
}
