using System.Net.Sockets;

namespace ServiceManager.Daemon.Rpc;

/// <summary>Creates the listening socket with the permissions the wire contract promises.</summary>
internal static class SocketBinding
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlySocket = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Binds <paramref name="path"/>. The caller holds the pidfile lock, so a socket file already there is a stale
    /// one from a daemon that died, and is replaced.
    /// </summary>
    public static Socket Bind(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory)) Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        Remove(path);

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            // Tightened before listen(): nobody can connect in between. Not via umask, which is process-wide and racy.
            File.SetUnixFileMode(path, OwnerOnlySocket);
            socket.Listen(512);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
