namespace ServiceManager.Mcp.Daemon;

/// <summary><c>--start-daemon</c> was given but no daemon could be started; the message says why and where to look.</summary>
public sealed class DaemonStartException : Exception
{
    public DaemonStartException() { }

    public DaemonStartException(string message) : base(message) { }

    public DaemonStartException(string message, Exception inner) : base(message, inner) { }
}
