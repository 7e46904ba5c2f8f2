using System.Net.Sockets;

namespace ServiceManager.Platform.Unix;

/// <summary>Who is on the other end of a connected Unix-domain socket, as recorded by the kernel at connect time.</summary>
public static class PeerCredentials
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <exception cref="SocketException">The socket is not a connected Unix-domain socket.</exception>
    public static (int Pid, int Uid, int Gid) Get(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Span<byte> ucred = stackalloc byte[12]; // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        if (length < 12) throw new SocketException((int)SocketError.InvalidArgument);
        var fields = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(ucred);
        return (fields[0], fields[1], fields[2]);
    }
}
