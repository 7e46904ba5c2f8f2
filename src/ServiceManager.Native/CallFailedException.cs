namespace ServiceManager.Native;

/// <summary>A call that failed on this side of the socket, with the exit code svcmgr gives for the same failure.</summary>
internal sealed class CallFailedException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
