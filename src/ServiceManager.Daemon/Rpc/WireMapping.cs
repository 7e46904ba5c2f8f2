using ServiceManager.Config.Model;
using ServiceManager.Daemon.Monitoring;
using ServiceManager.Logs;
using ServiceManager.Monitoring.Health;
using ServiceManager.Monitoring.Metrics;
using ServiceManager.Platform;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Rpc;

/// <summary>Turns the daemon's internal records into the wire API's messages.</summary>
internal static class WireMapping
{
    /// <param name="metrics">The instance's latest sample, if it is being sampled.</param>
    /// <param name="health">Its health; unknown when not given.</param>
    public static InstanceSummary Summary(InstanceSnapshot s, DateTimeOffset now, MetricsSample? metrics = null, HealthStatus health = HealthStatus.Unknown) =>
        new(s.Id, s.NumericId, s.Definition.Template, InstanceStateNames.ToText(s.State), HealthStatusNames.ToText(health), s.Pid,
            s.Definition.Port, Uptime(s, now), s.Restarts, LastExit(s.LastExit), metrics?.Metrics.CpuPercent,
            metrics?.Metrics.RssBytes, s.Definition.Tags) { Group = s.Definition.Group };

    public static InstanceDetail Detail(InstanceSnapshot s, DateTimeOffset now, MetricsSample? metrics = null, HealthStatus health = HealthStatus.Unknown) =>
        new(s.Id, s.NumericId, s.Definition.Template, InstanceStateNames.ToText(s.State), HealthStatusNames.ToText(health), s.Pid,
            s.Definition.Port, Uptime(s, now), s.Restarts, LastExit(s.LastExit), metrics?.Metrics.CpuPercent,
            metrics?.Metrics.RssBytes, s.Definition.Tags,
            s.Definition.Command, s.Definition.WorkingDirectory, RestartPolicyText(s.Definition.Restart.Policy),
            s.Definition.AutoStart, s.LastError,
            [.. s.Transitions.Select(t => new TransitionInfo(InstanceStateNames.ToText(t.From), InstanceStateNames.ToText(t.To), t.At, t.Reason))])
        {
            Group = s.Definition.Group,
        };

    public static DependencyWaitInfo Wait(DependencyWait wait) =>
        new(wait.Dependency.Name, DependencyConditions.ToText(wait.Dependency.Condition), wait.Check.Reason, wait.Check.Never);

    public static DependencyInfo Dependency(Dependency dependency) => new(dependency.Name, DependencyConditions.ToText(dependency.Condition));

    public static WatchInfo? Watch(WatchSettings? watch) =>
        watch is null ? null : new WatchInfo(watch.Paths, watch.Ignore, (long)watch.Debounce.TotalMilliseconds);

    /// <summary>A <c>state_changed</c> event; a transition caused by the child's own exit carries its exit and stderr tail.</summary>
    public static EventNotification StateChanged(InstanceSnapshot s, StateTransition t) =>
        new("", EventTypes.StateChanged, t.At, s.Id, InstanceStateNames.ToText(t.From), InstanceStateNames.ToText(t.To), t.Reason,
            Pid: s.Pid,
            ExitCode: t.Exit?.Exit.Code,
            Signal: t.Exit?.Exit.Signal is { } signal ? SignalNames.Name(signal) : null,
            StderrTail: t.Exit?.StderrTail);

    public static TemplateInfo Template(TemplateDefinition t, IReadOnlyList<string> instances) =>
        new(t.Id, t.DisplayName, t.Description, t.Category, t.StartCommand, t.DefaultPort,
            t.PortRange is { } r ? [r.First, r.Last] : null, t.SupportsMultiple, instances);

    public static SystemMetricsInfo System(SystemMetrics m) =>
        new(m.CpuPercent, m.CpuCount, m.LoadAverage1, m.LoadAverage5, m.LoadAverage15, m.MemoryTotalBytes,
            m.MemoryAvailableBytes, m.MemoryUsedBytes, (long)m.Uptime.TotalMilliseconds);

    public static InstanceMetricsInfo Metrics(string id, int numericId, MetricsSample sample) =>
        new(id, numericId, sample.Metrics.CpuPercent, sample.Metrics.RssBytes, sample.Metrics.Threads,
            sample.Metrics.OpenFds, (long)sample.Metrics.Uptime.TotalMilliseconds, sample.Metrics.Processes, sample.At);

    public static LogLine Line(LogEntry e) => new(e.Instance, StreamName(e.Stream), e.At, e.Text);

    public static string StreamName(OutputStream stream) => stream == OutputStream.Stderr ? "stderr" : "stdout";

    private static long? Uptime(InstanceSnapshot s, DateTimeOffset now) =>
        s.State == InstanceState.Running && s.StartedAt is { } started ? (long)(now - started).TotalMilliseconds : null;

    private static LastExitInfo? LastExit(ChildExit? exit) =>
        exit is null ? null : new LastExitInfo(exit.Code, exit.Signal is { } sig ? SignalNames.Name(sig) : null, exit.At);

    private static string RestartPolicyText(RestartPolicy policy) => policy switch
    {
        RestartPolicy.Always => "always",
        RestartPolicy.OnFailure => "on-failure",
        _ => "never",
    };
}
