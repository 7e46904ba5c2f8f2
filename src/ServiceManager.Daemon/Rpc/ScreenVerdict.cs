namespace ServiceManager.Daemon.Rpc;

/// <summary>What to do with one incoming line.</summary>
internal enum ScreenAction
{
    /// <summary>A well-formed request or notification: hand it to StreamJsonRpc.</summary>
    Forward,

    /// <summary>Malformed: answer with <see cref="ScreenVerdict.ErrorLine"/> and keep the connection.</summary>
    Reply,

    /// <summary>Nothing to do (a blank line, or a malformed notification that must get no reply).</summary>
    Ignore,
}

/// <param name="ExpectsResponse">A forwarded request has an id, so StreamJsonRpc will write exactly one response line for it.</param>
internal readonly record struct ScreenVerdict(ScreenAction Action, bool ExpectsResponse, byte[]? ErrorLine)
{
    public static ScreenVerdict Ignore => new(ScreenAction.Ignore, false, null);

    public static ScreenVerdict Forward(bool expectsResponse) => new(ScreenAction.Forward, expectsResponse, null);

    public static ScreenVerdict Reply(byte[] errorLine) => new(ScreenAction.Reply, false, errorLine);
}
