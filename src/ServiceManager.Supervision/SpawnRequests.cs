using System.Globalization;
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
            MergeEnvironment(baseEnvironment, definition.Environment),
            WorkingDirectory(definition));
    }

    /// <summary>A stop_command is a shell line (like systemd's ExecStop it may use pipes or $VARS), run with /bin/sh.</summary>
    public static SpawnRequest ForStopCommand(
        InstanceDefinition definition, string command, int pid, IReadOnlyDictionary<string, string> baseEnvironment) =>
        new(
            "/bin/sh",
            ["-c", command.Replace("{pid}", pid.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)],
            MergeEnvironment(baseEnvironment, definition.Environment),
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
