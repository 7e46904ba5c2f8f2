using System.Globalization;

namespace ServiceManager.Config.Model;

/// <summary>
/// <c>listen</c>: a socket the daemon binds and hands to the child as descriptor 3 (systemd's socket activation).
/// Either TCP (<see cref="Host"/> and <see cref="Port"/>) or a Unix socket at <see cref="Path"/>.
/// </summary>
/// <param name="Text">As written, placeholders expanded: also the socket's name in <c>LISTEN_FDNAMES</c>' log lines.</param>
public sealed record ListenAddress(string Text, string? Host, int Port, string? Path)
{
    public const string Expected = "expected \"tcp://HOST:PORT\" (e.g. \"tcp://127.0.0.1:{port}\") or \"unix:PATH\"";

    public bool IsUnix => Path is not null;

    /// <summary>Reads <c>tcp://HOST:PORT</c> (IPv6 hosts in brackets) or <c>unix:PATH</c>.</summary>
    public static bool TryParse(string text, out ListenAddress? address, out string error)
    {
        address = null;
        error = Expected + $", got \"{text}\"";
        if (text.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = text["unix:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal)) path = path[2..];
            if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal)) return false;
            address = new ListenAddress(text, null, 0, path);
            return true;
        }

        if (!text.StartsWith("tcp://", StringComparison.Ordinal)) return false;
        var rest = text["tcp://".Length..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        if (colon <= 0) return false;
        var host = rest[..colon].Trim('[', ']');
        if (!int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"port must be between 1 and 65535 in \"{text}\"";
            return false;
        }

        if (host.Length == 0) return false;
        address = new ListenAddress(text, host, port, null);
        return true;
    }
}
