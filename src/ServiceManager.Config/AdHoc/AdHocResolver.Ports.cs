using System.Globalization;
using ServiceManager.Config.Model;

namespace ServiceManager.Config.AdHoc;

internal sealed partial class AdHocResolver
{
    /// <summary>
    /// The port asked for (--port, the command's own port argument, PORT=N), which must agree and be free; else, if
    /// the command needs one (a pattern matched, or it says {port}), a free one chosen; else none.
    /// </summary>
    private int? ChoosePort(AdHocRequest request, IReadOnlyList<string> argv, Dictionary<string, string> env, PortPattern? pattern)
    {
        var asked = new List<(int Port, string Where)>();
        if (request.Port is { } flag) asked.Add((flag, "--port"));
        if (pattern is not null && PortArguments.Given(argv, pattern) is { } given) asked.Add((given, "the command"));
        if (env.TryGetValue(ChildVariables.Port, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var fromEnv))
            asked.Add((fromEnv, "PORT="));

        if (asked.Select(a => a.Port).Distinct().Count() > 1)
        {
            Error(ConfigErrorKind.InvalidValue, "port_args", "the port is given twice and differently: " + string.Join(", ", asked.Select(a => $"{a.Where} says {a.Port}")));
            return null;
        }

        if (asked.Count > 0)
        {
            var port = asked[0].Port;
            if (port is < 1 or > 65535) Error(ConfigErrorKind.InvalidValue, "port_args", $"the port must be between 1 and 65535, got {port}");
            else if (existing.FirstOrDefault(e => e.Port == port) is { } owner) Error(ConfigErrorKind.PortConflict, "port", $"port {port} is already used by instance '{owner.Id}'");
            else if (isPortInUse?.Invoke(port) ?? false) Error(ConfigErrorKind.PortConflict, "port", $"port {port} is in use on this machine by a process that is not one of this daemon's instances");
            return port;
        }

        if (pattern is null && !Mentions(argv, env)) return null;
        if (FirstFree(pattern?.Port ?? daemon.DefaultPortRange.First, pattern is null ? daemon.DefaultPortRange.Last : 65535) is { } chosen) return chosen;
        if (pattern is not null && FirstFree(daemon.DefaultPortRange.First, daemon.DefaultPortRange.Last) is { } fallback) return fallback;

        var range = pattern is null ? $"{daemon.DefaultPortRange.First}-{daemon.DefaultPortRange.Last}" : $"{pattern.Port}-65535 or {daemon.DefaultPortRange.First}-{daemon.DefaultPortRange.Last}";
        Error(ConfigErrorKind.PortConflict, "port", $"no free port in {range}: every port there belongs to an instance or is in use on this machine");
        return null;
    }

    private int? FirstFree(int first, int last)
    {
        var owned = existing.Where(e => e.Port is not null).Select(e => e.Port!.Value).ToHashSet();
        for (var p = first; p <= last; p++)
        {
            if (!owned.Contains(p) && !(isPortInUse?.Invoke(p) ?? false)) return p;
        }

        return null;
    }
}
