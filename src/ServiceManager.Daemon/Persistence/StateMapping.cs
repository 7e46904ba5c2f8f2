using ServiceManager.Config.Model;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Persistence;

/// <summary>Between the fleet's records and <c>state.json</c>'s.</summary>
internal static class StateMapping
{
    /// <summary>Where restored definitions say they came from, in messages.</summary>
    private static readonly SourceLocation _restored = new("state.json", 0, 0);

    /// <param name="waiting">A requested start waits for its dependencies: the next daemon should start it too.</param>
    public static InstanceRecord Record(InstanceSnapshot s, bool waiting) => new(
        s.Id,
        s.NumericId,
        OriginName(s.Definition.Origin),
        s.ShouldRun || waiting,
        s.Pid is { } pid && s.ChildStartTime is { } started
            ? new ChildRecord(pid, pid, started, s.Definition.Stop.Signal, (long)s.Definition.Stop.Timeout.TotalMilliseconds, s.ChildCgroup)
            : null,
        s.Definition.Origin == InstanceOrigin.Config ? null : Record(s.Definition));

    public static DefinitionRecord Record(InstanceDefinition d) => new(
        d.Template,
        d.Command,
        d.Environment,
        d.WorkingDirectory,
        d.Port,
        d.AutoStart,
        d.Tags,
        new RestartRecord(PolicyName(d.Restart.Policy), Ms(d.Restart.BackoffInitial), Ms(d.Restart.BackoffMax), d.Restart.MaxRestartsPerMinute, Ms(d.Restart.MinUptime)),
        new StopRecord(d.Stop.Signal, Ms(d.Stop.Timeout), d.Stop.Command),
        d.Health is { } h ? new HealthRecord(h.Endpoint, Ms(h.Interval), Ms(h.Timeout)) : null,
        d.MaxMemoryBytes,
        [.. d.DependsOn.Select(x => x.Name)],
        d.DisplayName,
        d.Description,
        d.Category,
        d.EnvFile,
        d.DependsOn.All(x => x.Condition == DependencyCondition.Running) ? null : [.. d.DependsOn.Select(x => DependencyConditions.ToText(x.Condition))],
        d.Watch is { } w ? new WatchRecord(w.Paths, w.Ignore, Ms(w.Debounce)) : null,
        d.CronRestart?.Text,
        d.Schedule?.Text,
        d.ReadyLogLine);

    /// <summary>The definition of a run-time instance, or null (with <paramref name="problem"/>) if the record is unusable.</summary>
    public static InstanceDefinition? Definition(InstanceRecord r, out string? problem)
    {
        problem = null;
        if (ParseOrigin(r.Origin) is not { } origin || origin == InstanceOrigin.Config)
            problem = $"origin \"{r.Origin}\" is not a run-time origin";
        else if (r.Definition is not { } d)
            problem = "no definition";
        else if (d.Command is not { Count: > 0 } || string.IsNullOrEmpty(d.Command[0]))
            problem = "no command";
        else if (ParsePolicy(d.Restart?.Policy) is not { } policy)
            problem = $"unknown restart policy \"{d.Restart?.Policy}\"";
        else if (d.Stop is null || d.WorkingDirectory is null)
            problem = "incomplete definition";
        else if (Dependencies(d) is not { } dependencies)
            problem = "depends_on and its conditions do not match";
        else if (!TryCron(d.CronRestart, r.Id, out var cronRestart) || !TryCron(d.Schedule, r.Id, out var schedule))
            problem = "invalid cron expression";
        else
            return new InstanceDefinition(
                r.Id,
                d.Template,
                d.Command,
                d.Environment ?? new Dictionary<string, string>(),
                d.WorkingDirectory,
                d.Port,
                d.AutoStart,
                d.Tags ?? [],
                new RestartSettings(policy, Span(d.Restart!.BackoffInitialMs), Span(d.Restart.BackoffMaxMs), d.Restart.MaxRestartsPerMinute, Span(d.Restart.MinUptimeMs)),
                new StopSettings(d.Stop.Signal, Span(d.Stop.TimeoutMs), d.Stop.Command),
                d.Health is { } h ? new HealthCheckSettings(h.Endpoint, Span(h.IntervalMs), Span(h.TimeoutMs)) : null,
                d.MaxMemoryBytes,
                dependencies,
                _restored)
            {
                DisplayName = d.DisplayName,
                Description = d.Description,
                Category = d.Category,
                Origin = origin,
                EnvFile = d.EnvFile,
                Watch = d.Watch is { } w ? new WatchSettings(w.Paths ?? [], w.Ignore ?? [], Span(w.DebounceMs)) : null,
                CronRestart = cronRestart,
                Schedule = schedule,
                ReadyLogLine = d.ReadyLogLine,
            };
        return null;
    }

    private static List<Dependency>? Dependencies(DefinitionRecord d)
    {
        var names = d.DependsOn ?? [];
        if (d.DependencyConditions is not { } conditions) return [.. names.Select(Dependency.FromName)];
        if (conditions.Count != names.Count) return null;
        var result = new List<Dependency>();
        for (var i = 0; i < names.Count; i++)
        {
            if (DependencyConditions.Parse(conditions[i]) is { } condition) result.Add(new Dependency(names[i], condition));
            else return null;
        }

        return result;
    }

    private static bool TryCron(string? text, string id, out CronSchedule? schedule)
    {
        schedule = null;
        return text is null || CronSchedule.TryParse(text, CronSchedule.SeedOf(id), out schedule, out _);
    }

    public static string OriginName(InstanceOrigin origin) => origin switch
    {
        InstanceOrigin.Created => "created",
        InstanceOrigin.Run => "run",
        _ => "config",
    };

    public static InstanceOrigin? ParseOrigin(string? text) => text switch
    {
        "config" => InstanceOrigin.Config,
        "created" => InstanceOrigin.Created,
        "run" => InstanceOrigin.Run,
        _ => null,
    };

    private static string PolicyName(RestartPolicy policy) => policy switch
    {
        RestartPolicy.Always => "always",
        RestartPolicy.Never => "never",
        _ => "on-failure",
    };

    private static RestartPolicy? ParsePolicy(string? text) => text switch
    {
        "always" => RestartPolicy.Always,
        "on-failure" => RestartPolicy.OnFailure,
        "never" => RestartPolicy.Never,
        _ => null,
    };

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;

    private static TimeSpan Span(long ms) => TimeSpan.FromMilliseconds(ms);
}
