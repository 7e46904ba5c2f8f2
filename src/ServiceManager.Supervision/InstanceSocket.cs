using System.Net;
using System.Net.Sockets;
using ServiceManager.Config.Model;
using ServiceManager.Platform;

namespace ServiceManager.Supervision;

/// <summary>
/// An instance's <c>listen</c> socket: bound and listening in the daemon, handed to every run as descriptor 3. It
/// outlives the runs (a restart or a rolling reload keeps it, so connections queue instead of being refused) and is
/// closed when the instance stops or its <c>listen</c> changes.
/// </summary>
internal sealed class InstanceSocket : IDisposable
{
    /// <summary>The kernel caps it at net.core.somaxconn; a reload's gap should queue connections, not refuse them.</summary>
    private const int Backlog = 4096;

    private readonly Socket _socket;

    private readonly string _name;

    private InstanceSocket(ListenAddress address, Socket socket, string name)
    {
        Address = address;
        _socket = socket;
        _name = name;
    }

    public ListenAddress Address { get; }

    /// <summary>What the child receives: the descriptor (the spawner duplicates it) and its <c>LISTEN_FDNAMES</c> name.</summary>
    public PassedSocket Passed => new((int)_socket.Handle, _name);

    /// <param name="name">The instance's id: the socket's name in <c>LISTEN_FDNAMES</c>, as systemd names a socket after its unit
    /// (ids are printable ASCII without ':').</param>
    /// <exception cref="SpawnException">It cannot be bound (address in use, no permission, bad path): the message says which and why.</exception>
    public static InstanceSocket Bind(ListenAddress address, string name)
    {
        Socket? socket = null;
        try
        {
            if (address.Path is { } path)
            {
                RemoveStaleSocketFile(path);
                socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                socket.Bind(new UnixDomainSocketEndPoint(path));
            }
            else
            {
                var ip = IPAddress.TryParse(address.Host, out var parsed) ? parsed
                    : address.Host == "localhost" ? IPAddress.Loopback
                    : Dns.GetHostAddresses(address.Host!).FirstOrDefault() ?? throw new SocketException((int)SocketError.HostNotFound);
                socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                // A previous run's connections in TIME_WAIT must not keep the daemon from binding again.
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(new IPEndPoint(ip, address.Port));
            }

            socket.Listen(Backlog);
            // Children expect a blocking socket, as systemd hands it over; the flag is shared with them.
            socket.Blocking = true;
            return new InstanceSocket(address, socket, name);
        }
        catch (Exception ex) when (ex is SocketException or IOException or UnauthorizedAccessException)
        {
            socket?.Dispose();
            throw new SpawnException($"cannot bind listen = \"{address.Text}\": {ex.Message}");
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        if (Address.Path is { } path) TryDelete(path);
    }

    /// <summary>A socket file left by an earlier daemon would make bind fail: removed when nobody listens on it.
    /// Anything else at the path (a live socket, a regular file) is not ours to remove, and bind reports it.</summary>
    private static void RemoveStaleSocketFile(string path)
    {
        if (!File.Exists(path)) return;
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            File.Delete(path);
        }
        catch (SocketException)
        {
            // Not a socket, or not ours to probe: bind says so.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind: the next bind removes a stale socket file.
        }
    }
}
