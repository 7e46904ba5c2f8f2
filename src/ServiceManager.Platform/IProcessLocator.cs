namespace ServiceManager.Platform;

/// <summary>Looks processes up by pid and by the TCP port they listen on, to tell which instance a pid or port names.</summary>
public interface IProcessLocator
{
    /// <summary>Null when no such process is alive.</summary>
    ProcessPlace? Locate(int pid);

    /// <summary>The pids holding a listening TCP socket (IPv4 or IPv6) on <paramref name="port"/> that can be seen.</summary>
    IReadOnlyList<int> ListenersOn(int port);
}
