using System.Globalization;
using ServiceManager.Config;
using ServiceManager.Config.Model;
using ServiceManager.Platform;

namespace ServiceManager.Supervision;

/// <summary>Turns a definition into what the spawner needs: the daemon's environment with the config's laid over it.</summary>
internal static class SpawnRequests
{
    public static SpawnRequest ForInstance(InstanceDefinition definition, IReadOnlyDictionary<string, string> baseEnvironment)
    {
        if (definition.Command.Count == 0 || string.IsNullOrEmpty(definition.Command[0]))
            throw new SpawnException($"instance '{definition.Id}' has no command to run");

        return new SpawnRequest(
            definition.Command[0],
            definition.Command.Skip(1).ToArray(),
            MergeEnvironment(baseEnvironment, ConfiguredEnvironment(definition, baseEnvironment)),
            WorkingDirectory(definition))
        {
            CgroupName = definition.Id,
        };
    }

    /// <summary>
    /// What the config gives a child on top of the daemon's environment: the env file as it reads now (so an edit
    /// reaches the next start and a removed key is gone), under the definition's own variables.
    /// </summary>
    /// <param name="baseEnvironment">What <c>${VAR}</c> in the env file falls back to.</param>
    /// <exception cref="SpawnException">The env file cannot be read or has an invalid line.</exception>
    public static IReadOnlyDictionary<string, string> ConfiguredEnvironment(InstanceDefinition definition, IReadOnlyDictionary<string, string> baseEnvironment)
    {
        if (definition.EnvFile is not { } path) return definition.Environment;
        IReadOnlyList<KeyValuePair<string, string>> entries;
        try
        {
            entries = ConfigLoader.ReadEnvFile(path, baseEnvironment);
        }
        catch (ConfigException ex)
        {
            throw new SpawnException($"env file: {ex.Message}");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
            result[key] = value;
        return MergeEnvironment(result, definition.Environment);
    }

    /// <summary>A stop_command is a shell line (like systemd's ExecStop it may use pipes or $VARS), run with /bin/sh.</summary>
    public static SpawnRequest ForStopCommand(
        InstanceDefinition definition, string command, int pid, IReadOnlyDictionary<string, string> baseEnvironment) =>
        new(
            "/bin/sh",
            ["-c", command.Replace("{pid}", pid.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)],
            MergeEnvironment(baseEnvironment, ConfiguredEnvironment(definition, baseEnvironment)),
            WorkingDirectory(definition));

    private static Dictionary<string, string> MergeEnvironment(
        IReadOnlyDictionary<string, string> baseEnvironment, IReadOnlyDictionary<string, string> added)
    {
        var result = new Dictionary<string, string>(baseEnvironment, StringComparer.Ordinal);
        foreach (var (key, value) in added)
            result[key] = value;
        return result;
    }

    private static string WorkingDirectory(InstanceDefinition definition) =>
        string.IsNullOrEmpty(definition.WorkingDirectory) ? Environment.CurrentDirectory : definition.WorkingDirectory;
}
