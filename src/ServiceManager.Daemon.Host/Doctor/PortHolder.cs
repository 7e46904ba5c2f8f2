namespace ServiceManager.Daemon.Host.Doctor;

/// <summary>One row of <c>doctor port</c>: a listening TCP socket on the port and the process holding it.</summary>
/// <param name="Address">The local address it is bound to (<c>0.0.0.0</c> or <c>::</c>: every address).</param>
/// <param name="Pid">The lowest pid holding the socket; null when /proc does not show it (another user's process, or one in another PID namespace).</param>
/// <param name="Uid">The socket's owner, as the kernel recorded it.</param>
/// <param name="Command">The holder's command line, whole.</param>
/// <param name="Instance">The svcmgr instance whose processes include the holder, as the daemon resolves
/// <c>pid:PID</c>; null when it is none, or no daemon answers.</param>
public sealed record PortHolder(int Port, string Address, int? Pid, int Uid, string? Command, string? Instance);
