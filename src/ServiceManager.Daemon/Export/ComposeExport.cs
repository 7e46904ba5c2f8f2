using System.Globalization;
using System.Text;
using ServiceManager.Config.Model;
using ServiceManager.Platform;

namespace ServiceManager.Daemon.Export;

/// <summary>
/// <c>svcmgr export compose FILE</c>: one Compose service per instance (product spec §9) with its command, environment,
/// working directory, port, restart policy, stop signal and grace, <c>depends_on</c> with conditions and a
/// <c>healthcheck</c> from <c>health_endpoint</c>. Every service runs in one image, <c>${SVCMGR_IMAGE}</c>: svcmgr knows
/// the commands, not what they need installed.
/// </summary>
public static class ComposeExport
{
    /// <summary>The image when <c>SVCMGR_IMAGE</c> is unset.</summary>
    public const string DefaultImage = "debian:bookworm-slim";

    public static string File(IReadOnlyList<InstanceDefinition> instances, string source)
    {
        var byId = instances.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var text = new StringBuilder()
            .Append("# The svcmgr fleet, written by `svcmgr export compose` from ").Append(source.ReplaceLineEndings(" ")).Append('\n')
            .Append("# Every service runs in ${SVCMGR_IMAGE} (default ").Append(DefaultImage).Append("): use an image that holds your programs.\n")
            .Append("# Under svcmgr the instances share the host's network: here each service has its own host name (its id).\n")
            .Append("services:\n");
        foreach (var instance in instances) Service(text, instance, byId);
        return text.ToString();
    }

    private static void Service(StringBuilder text, InstanceDefinition instance, IReadOnlyDictionary<string, InstanceDefinition> byId)
    {
        text.Append("  ").Append(instance.Id).Append(":\n");
        text.Append("    image: \"${SVCMGR_IMAGE:-").Append(DefaultImage).Append("}\"\n");
        text.Append("    command: [").Append(string.Join(", ", instance.Command.Select(YamlText.String))).Append("]\n");
        text.Append("    working_dir: ").Append(YamlText.String(instance.WorkingDirectory)).Append('\n');
        if (instance.Environment.Count > 0)
        {
            text.Append("    environment:\n");
            foreach (var (name, value) in instance.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
                text.Append("      ").Append(YamlText.String(name)).Append(": ").Append(YamlText.String(value)).Append('\n');
        }

        if (instance.EnvFile is { } envFile) text.Append("    env_file: [").Append(YamlText.String(envFile)).Append("]\n");
        if (instance.Port is { } port)
            text.Append("    ports: [").Append(YamlText.String(string.Create(CultureInfo.InvariantCulture, $"{port}:{port}"))).Append("]\n");
        text.Append("    restart: ").Append(YamlText.String(instance.IsJob ? "no" : instance.Restart.Policy switch
        {
            RestartPolicy.Always => "always",
            RestartPolicy.Never => "no",
            _ => "on-failure",
        })).Append('\n');
        text.Append("    stop_signal: ").Append(YamlText.String(SignalNames.Name(instance.Stop.Signal))).Append('\n');
        text.Append("    stop_grace_period: ").Append(YamlText.Duration(instance.Stop.Timeout)).Append('\n');
        if (instance.MaxMemoryBytes is { } memory) text.Append("    mem_limit: ").Append(memory.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (instance.DependsOn.Count > 0)
        {
            text.Append("    depends_on:\n");
            foreach (var dependency in instance.DependsOn)
            {
                text.Append("      ").Append(dependency.Name).Append(":\n        condition: ")
                    .Append(Condition(dependency, byId.GetValueOrDefault(dependency.Name))).Append('\n');
            }
        }

        if (instance.Health is { } health)
        {
            text.Append("    healthcheck:\n      test: [").Append(string.Join(", ", HealthTest(health.Endpoint).Select(YamlText.String))).Append("]\n")
                .Append("      interval: ").Append(YamlText.Duration(health.Interval)).Append('\n')
                .Append("      timeout: ").Append(YamlText.Duration(health.Timeout)).Append('\n')
                // svcmgr's threshold: three failures in a row make an instance unhealthy.
                .Append("      retries: 3\n");
        }
    }

    /// <summary>A bare name waits for running and, when the dependency has a health check, healthy (docs/config.md).</summary>
    public static string Condition(Dependency dependency, InstanceDefinition? target) => dependency.Condition switch
    {
        DependencyCondition.Healthy => "service_healthy",
        DependencyCondition.Completed => "service_completed_successfully",
        DependencyCondition.Running when target?.Health is not null => "service_healthy",
        _ => "service_started",
    };

    /// <summary>The check inside the container: http(s) with curl or wget, tcp with the shell's /dev/tcp, exec as written.</summary>
    public static IReadOnlyList<string> HealthTest(string endpoint)
    {
        if (endpoint.StartsWith("exec:", StringComparison.Ordinal)) return ["CMD-SHELL", endpoint["exec:".Length..]];
        if (endpoint.StartsWith("tcp://", StringComparison.Ordinal) && Uri.TryCreate(endpoint, UriKind.Absolute, out var tcp))
            return ["CMD", "bash", "-c", $"exec 3<>/dev/tcp/{tcp.Host}/{tcp.Port}"];
        var quoted = Text.HumanText.ShellQuote(endpoint);
        return ["CMD-SHELL", $"curl -fsS -o /dev/null {quoted} || wget -q -O /dev/null {quoted}"];
    }
}
