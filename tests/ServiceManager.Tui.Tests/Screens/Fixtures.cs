using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Tui.Rendering;
using ServiceManager.Tui.Screens;
using ServiceManager.Tui.State;

namespace ServiceManager.Tui.Tests.Screens;

/// <summary>Protocol messages as the daemon sends them, for feeding the view models.</summary>
internal static class Fixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static InstanceSummary Instance(
        string id, int numericId, string state = "running", int restarts = 0, string[]? tags = null, int? port = null) =>
        new(id, numericId, null, state, "unknown", state == "running" ? 1000 + numericId : null, port,
            state == "running" ? 65_000 : null, restarts, null, state == "running" ? 2.5 : null,
            state == "running" ? 125L * 1024 * 1024 : null, tags ?? []);

    public static InstanceDetail Detail(InstanceSummary s) =>
        new(s.Id, s.NumericId, s.Template, s.State, s.Health, s.Pid, s.Port, s.UptimeMs, s.Restarts, s.LastExit,
            s.CpuPercent, s.MemoryBytes, s.Tags, ["python3", "-m", "http.server"], "/srv/app", "on-failure", true, null,
            [new TransitionInfo("stopped", "starting", Now.AddMinutes(-2), "start requested"),
             new TransitionInfo("starting", "running", Now.AddMinutes(-2), "started, pid 1001")]);

    public static EventNotification StateChanged(string id, string from, string to) =>
        new("s1", EventTypes.StateChanged, Now, Instance: id, From: from, To: to, Reason: "test");

    public static EventNotification Metrics(DateTimeOffset at, params (string Id, double Cpu, long Memory)[] points) =>
        new("s1", EventTypes.MetricsUpdated, at, Instances: [.. points.Select(p => new MetricsPoint(p.Id, p.Cpu, p.Memory))]);

    public static LogLine Log(string instance, string text, string stream = "stdout") => new(instance, stream, Now, text);

    public static TopModel Model(params InstanceSummary[] instances)
    {
        var model = new TopModel();
        model.ConnectionRestored(instances, Now);
        return model;
    }

    public static IReadOnlyList<TopCommand> Press(this TopModel model, params object[] keys)
    {
        var commands = new List<TopCommand>();
        foreach (var key in keys)
        {
            var input = key switch
            {
                char c => KeyInput.Of(c),
                SpecialKey special => KeyInput.Of(special),
                string text => throw new ArgumentException("type strings with Type()", nameof(keys)),
                _ => throw new ArgumentException($"not a key: {key}", nameof(keys)),
            };
            commands.AddRange(model.HandleKey(input, Now));
        }
        return commands;
    }

    public static IReadOnlyList<TopCommand> Type(this TopModel model, string text) =>
        model.Press([.. text.Cast<object>()]);

    public static string[] Screen(this TopModel model, int width = 80, int height = 24) =>
        [.. model.Render(width, height, Now).Select(l => l.Text)];

    public static Line RowContaining(this TopModel model, string text, int width = 80, int height = 24) =>
        model.Render(width, height, Now).First(l => l.Text.Contains(text, StringComparison.Ordinal));
}
