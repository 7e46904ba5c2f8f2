namespace ServiceManager.Protocol.Client;

/// <summary>No daemon answers on the socket (not running, or the socket is not ours).</summary>
public sealed class DaemonUnreachableException : Exception
{
    public DaemonUnreachableException(string socketPath, Exception inner)
        : base($"the svcmgr daemon is not reachable at {socketPath} ({(File.Exists(socketPath) ? inner.Message : "no socket there")}); " +
               "start it with `svcmgr daemon` (or check --socket / SVCMGR_HOME)", inner)
        => SocketPath = socketPath;

    public DaemonUnreachableException() { }

    public DaemonUnreachableException(string message) : base(message) { }

    public string? SocketPath { get; }
}
