using System.Net;

namespace ServiceManager.Platform.Unix;

/// <summary>A TCP socket in the LISTEN state, from /proc/net/tcp or /proc/net/tcp6.</summary>
/// <param name="Address">The local address it is bound to (0.0.0.0 or :: for every address).</param>
/// <param name="Inode">The socket's inode, which links it to the processes holding it (<c>/proc/PID/fd</c>).</param>
/// <param name="Uid">The owner the kernel recorded; useful when the process cannot be seen.</param>
/// <param name="Pid">The lowest pid holding the socket, when /proc lets us see it (another user's processes are hidden unless we are root).</param>
/// <param name="Command">That process's command line, arguments joined by spaces.</param>
public sealed record ListeningSocket(int Port, IPAddress Address, long Inode, int Uid, int? Pid = null, string? Command = null);
