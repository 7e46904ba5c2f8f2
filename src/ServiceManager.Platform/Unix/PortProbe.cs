using System.Net;
using System.Net.Sockets;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// Whether a TCP port can be listened on right now, found by trying: bind to 0.0.0.0 and to [::] and let go at once.
/// A bind to the wildcard address conflicts with a listener on any address of that family, so a service bound only
/// to 127.0.0.1 or ::1 is seen too. Sockets in TIME_WAIT do not count (SO_REUSEADDR), as they would not stop a
/// server either.
/// </summary>
public static class PortProbe
{
    /// <summary>True when something holds the port (or we may not bind it, e.g. below 1024 without privileges).</summary>
    public static bool IsInUse(int port)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return !CanBind(AddressFamily.InterNetwork, IPAddress.Any, port)
            || !CanBind(AddressFamily.InterNetworkV6, IPAddress.IPv6Any, port);
    }

    private static bool CanBind(AddressFamily family, IPAddress address, int port)
    {
        Socket socket;
        try
        {
            socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException)
        {
            // No IPv6 on this machine: nothing can listen there either.
            return true;
        }

        using (socket)
        {
            try
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(new IPEndPoint(address, port));
                return true;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressFamilyNotSupported or SocketError.AddressNotAvailable)
            {
                return true;
            }
            catch (SocketException)
            {
                // EADDRINUSE, or EACCES for a privileged port: either way a service could not listen there.
                return false;
            }
        }
    }
}
