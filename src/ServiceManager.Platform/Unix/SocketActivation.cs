using System.Globalization;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// systemd's socket-activation protocol (sd_listen_fds(3)): the sockets at descriptors 3, 4, …, <c>LISTEN_FDS</c>
/// their count, <c>LISTEN_FDNAMES</c> their names separated by colons, and <c>LISTEN_PID</c> the pid they are meant
/// for — the child's own, which only code running in the child can write (the native spawner, or a pre-exec step).
/// </summary>
internal static class SocketActivation
{
    public const string ListenFds = "LISTEN_FDS";
    public const string ListenPid = "LISTEN_PID";
    public const string ListenFdNames = "LISTEN_FDNAMES";

    /// <summary>The longest name systemd accepts in <c>FileDescriptorName=</c>.</summary>
    private const int MaxNameLength = 255;

    /// <summary>
    /// The child's environment: the requested one as it is when no socket is passed; otherwise without any
    /// inherited <c>LISTEN_*</c> variable and with <c>LISTEN_FDS</c> and <c>LISTEN_FDNAMES</c> for these sockets
    /// (<c>LISTEN_PID</c> is the spawner's to add, in the child).
    /// </summary>
    /// <exception cref="SpawnException">A socket's name is not one systemd would accept.</exception>
    public static IReadOnlyDictionary<string, string> Environment(string program, IReadOnlyDictionary<string, string> requested, IReadOnlyList<PassedSocket> sockets)
    {
        if (sockets.Count == 0) return requested;
        foreach (var socket in sockets)
        {
            if (NameProblem(socket.Name) is { } problem)
                throw SpawnException.CannotStart(program, $"socket name '{socket.Name}' {problem}");
        }
        var environment = new Dictionary<string, string>(requested.Count + 2, StringComparer.Ordinal);
        foreach (var (name, value) in requested)
        {
            if (name is not (ListenFds or ListenPid or ListenFdNames)) environment[name] = value;
        }
        environment[ListenFds] = sockets.Count.ToString(CultureInfo.InvariantCulture);
        environment[ListenFdNames] = string.Join(':', sockets.Select(s => s.Name));
        return environment;
    }

    private static string? NameProblem(string name) =>
        name.Length is 0 or > MaxNameLength ? $"must have 1 to {MaxNameLength} characters"
        : name.Contains(':', StringComparison.Ordinal) ? "contains ':', which separates the names in LISTEN_FDNAMES"
        : name.Any(c => c is < ' ' or > '~') ? "may hold printable ASCII characters only"
        : null;
}
