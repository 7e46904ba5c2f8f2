namespace ServiceManager.Tui.State;

/// <summary>The dashboard header: how many instances, and how many are online, stopped and failed.</summary>
public sealed record FleetCounts(int Total, int Online, int Stopped, int Failed)
{
    public override string ToString() =>
        $"{Total} instance{(Total == 1 ? "" : "s")} · {Online} online · {Stopped} stopped · {Failed} failed";
}
