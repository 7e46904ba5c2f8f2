using ServiceManager.Config.Binding;
using ServiceManager.Config.Model;

namespace ServiceManager.Config.Resolution;

/// <summary>
/// Gives each instance its port: the explicit <c>port</c>; else the default_port if nobody else has it; else the first
/// free port of port_range (or the daemon's default range). Explicit ports are reserved before any automatic choice,
/// so the order of tables in the file never lets an automatic port take one that is written down.
/// </summary>
internal static class PortAssigner
{
    /// <param name="taken">Ports already held outside <paramref name="instances"/> (instances created at run time), by owner id.</param>
    /// <param name="isPortInUse">At run time: whether a process on the machine holds a port, so automatic choices skip it.
    /// Null for the file, whose ports must not depend on what happens to be running.</param>
    /// <param name="takenNote">Said of an owner from <paramref name="taken"/> in a conflict message.</param>
    public static Dictionary<string, int?> Assign(
        IReadOnlyList<RawService> instances,
        DaemonSettings daemon,
        ErrorSink errors,
        IReadOnlyDictionary<int, string>? taken = null,
        Func<int, bool>? isPortInUse = null,
        string? takenNote = null)
    {
        var owners = new Dictionary<int, (string Id, SourceLocation? At)>();
        foreach (var (port, owner) in taken ?? new Dictionary<int, string>()) owners[port] = (owner, null);
        var result = new Dictionary<string, int?>(StringComparer.Ordinal);

        foreach (var s in instances)
        {
            if (s.Port is not { } port) continue;
            result[s.Id] = port.Value;
            if (owners.TryGetValue(port.Value, out var owner))
            {
                var where = owner.At is { } at ? $" ({at})" : takenNote ?? "";
                errors.Add(ConfigErrorKind.PortConflict, port.Location, port.Key, $"port {port.Value} is used by both instance '{owner.Id}'{where} and instance '{s.Id}'");
            }
            else
            {
                owners[port.Value] = (s.Id, port.Location);
            }
        }

        foreach (var s in instances)
        {
            if (s.Port is not null || s.InvalidKeys.Contains("port")) continue;
            if (!NeedsPort(s))
            {
                result[s.Id] = null;
                continue;
            }

            var chosen = Choose(s, daemon, owners, isPortInUse);
            if (chosen is { } p) owners[p] = (s.Id, s.Location);
            else
            {
                s.InvalidKeys.Add("port");
                var range = s.PortRange?.Value ?? daemon.DefaultPortRange;
                var (at, key) = s.PortRange is { } r ? (r.Location, r.Key)
                    : s.DefaultPort is { } d ? (d.Location, d.Key)
                    : (s.Location, s.KeyPath("port"));
                var why = isPortInUse is null ? "belongs to another instance" : "belongs to another instance or is in use on this machine";
                errors.Add(ConfigErrorKind.PortConflict, at, key, $"no free port for instance '{s.Id}' in {range.First}-{range.Last}: every port there {why}");
            }

            result[s.Id] = chosen;
        }

        return result;
    }

    /// <summary>An instance gets a port automatically only if something uses one: an ad-hoc `sleep 100` needs none.</summary>
    public static bool NeedsPort(RawService s)
    {
        if (s.DefaultPort is not null || s.PortRange is not null) return true;
        IEnumerable<string?> texts =
        [
            s.StartCommand?.Value.Text, s.WorkingDir?.Value, s.HealthEndpoint?.Value, s.StopCommand?.Value, s.Listen?.Value,
            .. s.StartCommand?.Value.Arguments ?? [], .. (s.Env ?? []).Select(e => e.Value.Value),
        ];
        return texts.Any(t => t is not null && t.Contains("{port}", StringComparison.Ordinal));
    }

    private static int? Choose(RawService s, DaemonSettings daemon, Dictionary<int, (string, SourceLocation?)> owners, Func<int, bool>? isPortInUse)
    {
        bool Free(int port) => !owners.ContainsKey(port) && !(isPortInUse?.Invoke(port) ?? false);

        if (s.DefaultPort is { } preferred && Free(preferred.Value)) return preferred.Value;
        var range = s.PortRange?.Value ?? daemon.DefaultPortRange;
        for (var p = range.First; p <= range.Last; p++)
        {
            if (Free(p)) return p;
        }

        return null;
    }
}
