namespace ServiceManager.Mcp.Tools;

/// <summary>Tool enums as the daemon's wire spells them.</summary>
internal static class Wire
{
    public static string Stream(LogStream stream) => stream == LogStream.Stderr ? "stderr" : "stdout";

    public static string State(ProcessState state) => state switch
    {
        ProcessState.Stopped => "stopped",
        ProcessState.Starting => "starting",
        ProcessState.Running => "running",
        ProcessState.Stopping => "stopping",
        ProcessState.Restarting => "restarting",
        _ => "failed",
    };
}
