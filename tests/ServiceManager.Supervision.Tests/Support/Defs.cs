using ServiceManager.Config.Model;
using ServiceManager.Platform;

namespace ServiceManager.Supervision.Tests.Support;

/// <summary>Builds instance definitions the way the config loader would hand them over.</summary>
internal static class Defs
{
    public static RestartSettings Restart(
        RestartPolicy policy = RestartPolicy.Never,
        double backoffInitialSeconds = 0,
        double backoffMaxSeconds = 30,
        int maxPerMinute = 100,
        double minUptimeSeconds = 10) =>
        new(policy, TimeSpan.FromSeconds(backoffInitialSeconds), TimeSpan.FromSeconds(backoffMaxSeconds), maxPerMinute,
            TimeSpan.FromSeconds(minUptimeSeconds));

    public static StopSettings Stop(double timeoutSeconds = 10, string? command = null, int signal = SignalNames.SIGTERM) =>
        new(signal, TimeSpan.FromSeconds(timeoutSeconds), command);

    public static InstanceDefinition Shell(
        string id,
        string script,
        RestartSettings? restart = null,
        StopSettings? stop = null,
        int? port = null,
        bool autoStart = false,
        IReadOnlyDictionary<string, string>? env = null,
        string? workingDirectory = null) =>
        Command(id, ["/bin/sh", "-c", script], restart, stop, port, autoStart, env, workingDirectory);

    public static InstanceDefinition Command(
        string id,
        IReadOnlyList<string> command,
        RestartSettings? restart = null,
        StopSettings? stop = null,
        int? port = null,
        bool autoStart = false,
        IReadOnlyDictionary<string, string>? env = null,
        string? workingDirectory = null) =>
        new(
            id,
            Template: null,
            command,
            env ?? new Dictionary<string, string>(),
            workingDirectory ?? Path.GetTempPath(),
            port,
            autoStart,
            Tags: [],
            restart ?? Restart(),
            stop ?? Stop(),
            Health: null,
            MaxMemoryBytes: null,
            DependsOn: [],
            new SourceLocation("test.toml", 1, 1));

    /// <summary>A long-running service that stops promptly on SIGTERM.</summary>
    public static InstanceDefinition Sleeper(string id, int? port = null, bool autoStart = false) =>
        Command(id, ["sleep", "1000"], port: port, autoStart: autoStart);
}
