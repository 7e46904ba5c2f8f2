namespace ServiceManager.Tui.State;

/// <summary>What a key asks the session to do with the daemon (the screens themselves never talk to it).</summary>
public abstract record TopCommand
{
    public sealed record Quit : TopCommand;

    public sealed record Start(string Name) : TopCommand;

    public sealed record Stop(string Name) : TopCommand;

    public sealed record Restart(string Name) : TopCommand;

    public sealed record Remove(string Name) : TopCommand;

    /// <summary>Fetch <c>status</c> and <c>inspect</c> for the detail screen.</summary>
    public sealed record LoadDetail(string Name) : TopCommand;

    /// <summary>Follow these instances' logs (all of them when empty) for the log or monitor screen.</summary>
    public sealed record FollowLogs(IReadOnlyList<string> Names, int Backlog = 1000) : TopCommand;

    /// <summary>Fetch <c>list</c> again: an event said something changed that events do not carry.</summary>
    public sealed record Refresh : TopCommand;

    /// <summary>Stop following logs: the screen that wanted them was left.</summary>
    public sealed record StopLogs : TopCommand;
}
