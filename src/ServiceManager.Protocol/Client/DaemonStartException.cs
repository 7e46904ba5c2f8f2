namespace ServiceManager.Protocol.Client;

/// <summary>No daemon answered and none could be started; the message says why and where to look.</summary>
public sealed class DaemonStartException : Exception
{
    public DaemonStartException() { }

    public DaemonStartException(string message) : base(message) { }

    public DaemonStartException(string message, Exception inner) : base(message, inner) { }

    /// <param name="exitCode">How the started daemon exited (3: its config is invalid).</param>
    public DaemonStartException(string message, int exitCode) : base(message) => ExitCode = exitCode;

    /// <summary>The started daemon's exit code when it exited instead of answering; null otherwise.</summary>
    public int? ExitCode { get; }
}
