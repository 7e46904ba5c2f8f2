namespace ServiceManager.Platform;

/// <summary>
/// A socket handed to a child, systemd-style (socket activation): the child gets it at descriptor 3, 4, … in list
/// order, with <c>LISTEN_FDS</c>, <c>LISTEN_PID</c> (its own pid) and <c>LISTEN_FDNAMES</c> (the names, separated by
/// colons) in its environment. The caller keeps owning <paramref name="Fd"/>: the spawner only duplicates it.
/// </summary>
/// <param name="Name">What the child sees in <c>LISTEN_FDNAMES</c>: 1 to 255 printable ASCII characters, no ':'
/// (systemd's rule for <c>FileDescriptorName=</c>).</param>
public sealed record PassedSocket(int Fd, string Name);
