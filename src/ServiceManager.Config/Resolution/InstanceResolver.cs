using System.Globalization;
using ServiceManager.Config.Binding;
using ServiceManager.Config.Model;
using ServiceManager.Config.Text;
using ServiceManager.Text;

namespace ServiceManager.Config.Resolution;

/// <summary>Turns one merged instance (template keys under instance keys) into an <see cref="InstanceDefinition"/>.</summary>
internal sealed partial class InstanceResolver(ResolutionContext context)
{
    private ErrorSink Errors => context.Errors;

    /// <summary>The definition, or null when an error was recorded for this instance.</summary>
    public InstanceDefinition? Resolve(RawService s, string? templateId, int? port)
    {
        var errorsBefore = Errors.Count;
        var placeholders = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // A port that could not be assigned was already reported: keep {port} as text rather than report it again.
            ["port"] = port?.ToString(CultureInfo.InvariantCulture) ?? (s.InvalidKeys.Contains("port") ? "{port}" : null),
            ["name"] = s.Id,
            ["config"] = context.ConfigDir,
            ["working_dir"] = null,
            ["pid"] = null,
            ["index"] = s.Member?.Index.ToString(CultureInfo.InvariantCulture),
        };

        // working_dir first: the command, env and health check may all refer to it.
        placeholders["working_dir"] = ResolveWorkingDir(s, placeholders) ?? context.ConfigDir;
        var command = ResolveCommand(s, templateId, placeholders, out var assignments);
        var environment = ResolveEnvironment(s, templateId, port, placeholders, assignments);
        var (envFile, envFileEntries) = ResolveEnvFile(s, placeholders);
        var health = ResolveHealth(s, placeholders);
        var stop = ResolveStop(s, placeholders);
        var restart = ResolveRestart(s);
        var (cronRestart, schedule) = ResolveCron(s);
        var listen = ResolveListen(s, placeholders);
        if (command is null || Errors.Count > errorsBefore) return null;

        return new InstanceDefinition(
            s.Id, templateId, command, environment, placeholders["working_dir"]!, port, s.AutoStart?.Value ?? false,
            s.Tags?.Value ?? [], restart, stop, health, s.MaxMemory?.Value,
            [.. (s.DependsOn?.Value ?? []).Select(d => new Dependency(d.Name, d.Condition))], s.Location)
        {
            DisplayName = s.DisplayName?.Value,
            Description = s.Description?.Value,
            Category = s.Category?.Value,
            EnvFile = envFile,
            EnvFileEntries = envFileEntries,
            Watch = ResolveWatch(s),
            CronRestart = cronRestart,
            Schedule = schedule,
            ReadyLogLine = s.ReadyLogLine?.Value,
            Group = s.Member?.Group,
            Index = s.Member?.Index,
            Listen = listen,
            ReadyTimeout = s.ReadyTimeout?.Value ?? InstanceDefinition.DefaultReadyTimeout,
        };
    }

    private string? Expand(Located<string> value, Dictionary<string, string?> placeholders) => Expand(value.Value, value, placeholders);

    /// <summary>Expands <paramref name="text"/>, reporting a problem at <paramref name="origin"/>'s key and position.</summary>
    private string? Expand<T>(string text, Located<T> origin, Dictionary<string, string?> placeholders)
    {
        var expander = new Expander(placeholders, context.Environment.GetValueOrDefault, Unavailable);
        var result = expander.Expand(text, out var error);
        if (result is null) Errors.Add(ConfigErrorKind.InvalidValue, origin.Location, origin.Key, error!);
        return result;
    }

    private static string Unavailable(string placeholder) => placeholder switch
    {
        "pid" => "{pid} is only available in stop_command",
        "working_dir" => "working_dir cannot use {working_dir}",
        "port" => "{port} has no value: this instance has no port",
        "index" => "{index} is only available in a replica group (instances = N)",
        _ => $"{{{placeholder}}} is not available here",
    };

    private string? ResolveWorkingDir(RawService s, Dictionary<string, string?> placeholders)
    {
        if (s.WorkingDir is not { } dir) return context.ConfigDir;
        if (Expand(dir, placeholders) is not { } expanded) return null;
        if (expanded.Length == 0)
        {
            Errors.Add(ConfigErrorKind.InvalidValue, dir.Location, dir.Key, "empty working directory (leave the key out for the config file's directory)");
            return null;
        }

        return Path.GetFullPath(Path.Combine(context.ConfigDir, expanded));
    }

    private HealthCheckSettings? ResolveHealth(RawService s, Dictionary<string, string?> placeholders)
    {
        if (s.HealthEndpoint is not { } endpoint || Expand(endpoint, placeholders) is not { Length: > 0 } url) return null;
        if (!IsHealthEndpoint(url))
        {
            Errors.Add(ConfigErrorKind.InvalidValue, endpoint.Location, endpoint.Key, $"expected http://..., https://..., tcp://HOST:PORT or exec:COMMAND, got \"{url}\"");
            return null;
        }

        return new HealthCheckSettings(
            url,
            TimeSpan.FromMilliseconds(s.HealthIntervalMs?.Value ?? 10_000),
            TimeSpan.FromMilliseconds(s.HealthTimeoutMs?.Value ?? 5_000))
        {
            RestartOnUnhealthy = s.RestartOnUnhealthy?.Value ?? false,
        };
    }

    private static bool IsHealthEndpoint(string url)
    {
        if (url.StartsWith("exec:", StringComparison.Ordinal)) return url.Length > 5 && !string.IsNullOrWhiteSpace(url[5..]);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;
        return uri.Scheme switch
        {
            "http" or "https" => uri.Host.Length > 0,
            "tcp" => uri.Host.Length > 0 && !uri.IsDefaultPort && uri.Port > 0,
            _ => false,
        };
    }

    private StopSettings ResolveStop(RawService s, Dictionary<string, string?> placeholders)
    {
        string? command = null;
        if (s.StopCommand is { } stop && !string.IsNullOrWhiteSpace(stop.Value))
        {
            // {pid} is only known once the child runs: it stays in the text for the supervisor to fill in.
            var withPid = new Dictionary<string, string?>(placeholders, StringComparer.Ordinal) { ["pid"] = "{pid}" };
            command = Expand(stop, withPid);
        }

        var d = StopSettings.Default;
        return new StopSettings(s.StopSignal?.Value ?? d.Signal, s.StopTimeout?.Value ?? d.Timeout, command);
    }

    private RestartSettings ResolveRestart(RawService s)
    {
        var d = RestartSettings.Default;
        var initial = s.BackoffInitial?.Value ?? d.BackoffInitial;
        var max = s.BackoffMax?.Value ?? d.BackoffMax;
        if (initial > max)
        {
            var at = s.BackoffInitial ?? s.BackoffMax!;
            Errors.Add(ConfigErrorKind.InvalidValue, at.Location, at.Key, $"backoff_initial ({HumanText.Delay(initial)}) is longer than backoff_max ({HumanText.Delay(max)})");
        }

        // A job is left to exit: it runs again at its next tick, not when it ends.
        var policy = s.Restart?.Value ?? (s.Schedule is not null ? RestartPolicy.Never : d.Policy);
        return new RestartSettings(
            policy, initial, max, s.MaxRestartsPerMinute?.Value ?? d.MaxRestartsPerMinute, s.MinUptime?.Value ?? d.MinUptime);
    }
}
