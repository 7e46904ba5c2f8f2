namespace ServiceManager.Config.Binding;

internal sealed partial record RawService
{
    /// <summary>This instance with every key it does not set taken from <paramref name="template"/>; env tables merge, the instance winning.</summary>
    public RawService Over(RawService template)
    {
        var invalid = new HashSet<string>(InvalidKeys, StringComparer.Ordinal);
        invalid.UnionWith(template.InvalidKeys);
        return this with
        {
            InvalidKeys = invalid,
            DisplayName = DisplayName ?? template.DisplayName,
            Description = Description ?? template.Description,
            Category = Category ?? template.Category,
            StartCommand = StartCommand ?? template.StartCommand,
            // shell belongs with the command it describes: an instance giving its own command does not inherit it.
            Shell = Shell ?? (StartCommand is null ? template.Shell : null),
            WorkingDir = WorkingDir ?? template.WorkingDir,
            DefaultPort = DefaultPort ?? template.DefaultPort,
            PortRange = PortRange ?? template.PortRange,
            Env = MergeEnv(template.Env, Env),
            EnvFile = EnvFile ?? template.EnvFile,
            HealthEndpoint = HealthEndpoint ?? template.HealthEndpoint,
            HealthIntervalMs = HealthIntervalMs ?? template.HealthIntervalMs,
            HealthTimeoutMs = HealthTimeoutMs ?? template.HealthTimeoutMs,
            RestartOnUnhealthy = RestartOnUnhealthy ?? template.RestartOnUnhealthy,
            SupportsMultiple = SupportsMultiple ?? template.SupportsMultiple,
            Restart = Restart ?? template.Restart,
            BackoffInitial = BackoffInitial ?? template.BackoffInitial,
            BackoffMax = BackoffMax ?? template.BackoffMax,
            MaxRestartsPerMinute = MaxRestartsPerMinute ?? template.MaxRestartsPerMinute,
            MinUptime = MinUptime ?? template.MinUptime,
            StopSignal = StopSignal ?? template.StopSignal,
            StopTimeout = StopTimeout ?? template.StopTimeout,
            StopCommand = StopCommand ?? template.StopCommand,
            MaxMemory = MaxMemory ?? template.MaxMemory,
            DependsOn = DependsOn ?? template.DependsOn,
            Watch = Watch ?? template.Watch,
            WatchIgnore = WatchIgnore ?? template.WatchIgnore,
            WatchDebounce = WatchDebounce ?? template.WatchDebounce,
            CronRestart = CronRestart ?? template.CronRestart,
            Schedule = Schedule ?? template.Schedule,
            ReadyLogLine = ReadyLogLine ?? template.ReadyLogLine,
            Tags = Tags ?? template.Tags,
            Replicas = Replicas ?? template.Replicas,
            Listen = Listen ?? template.Listen,
            ReadyTimeout = ReadyTimeout ?? template.ReadyTimeout,
        };
    }

    private static IReadOnlyList<RawEnvEntry>? MergeEnv(IReadOnlyList<RawEnvEntry>? under, IReadOnlyList<RawEnvEntry>? over)
    {
        if (under is null) return over;
        if (over is null) return under;
        var merged = under.Where(u => !over.Any(o => o.Name == u.Name)).ToList();
        merged.AddRange(over);
        return merged;
    }
}
