using System.Net.Sockets;
using System.Text;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// systemd's readiness protocol (<c>sd_notify(3)</c>): one datagram per message to the Unix socket named by
/// <c>NOTIFY_SOCKET</c>, a path or, starting with <c>@</c>, an abstract name. A few lines over a datagram socket instead
/// of Microsoft.Extensions.Hosting.Systemd: that package's cost in the NativeAOT daemon is in docs/architecture.md.
/// </summary>
public sealed class NotifySocket
{
    /// <summary>The variable systemd sets for a <c>Type=notify</c> service.</summary>
    public const string Variable = "NOTIFY_SOCKET";

    private readonly UnixDomainSocketEndPoint _endPoint;

    private NotifySocket(string address, UnixDomainSocketEndPoint endPoint)
    {
        Address = address;
        _endPoint = endPoint;
    }

    /// <summary>The address as <c>NOTIFY_SOCKET</c> gave it.</summary>
    public string Address { get; }

    /// <summary>The socket named by <paramref name="value"/> (<c>NOTIFY_SOCKET</c>), or null when there is none to tell:
    /// unset, empty, or not a Unix socket address (systemd also allows <c>vsock:</c>, which svcmgr does not speak).</summary>
    public static NotifySocket? From(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        // An abstract name: sd_notify turns the leading '@' into the NUL byte that marks it in sockaddr_un.
        if (value[0] == '@') return new NotifySocket(value, new UnixDomainSocketEndPoint("\0" + value[1..]));
        return value[0] == '/' ? new NotifySocket(value, new UnixDomainSocketEndPoint(value)) : null;
    }

    /// <summary>Sends one message (<c>READY=1</c>, <c>STOPPING=1</c>, newline-separated assignments).</summary>
    /// <exception cref="SocketException">Nobody listens there (systemd gone, or a stale variable).</exception>
    public void Send(string message)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.SendTo(Encoding.UTF8.GetBytes(message), _endPoint);
    }
}
