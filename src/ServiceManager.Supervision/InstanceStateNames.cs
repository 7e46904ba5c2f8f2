namespace ServiceManager.Supervision;

/// <summary>The lower-case state names of the product contract ("stopped", "restarting", ...).</summary>
public static class InstanceStateNames
{
    public static string ToText(InstanceState state) => state switch
    {
        InstanceState.Stopped => "stopped",
        InstanceState.Starting => "starting",
        InstanceState.Running => "running",
        InstanceState.Stopping => "stopping",
        InstanceState.Restarting => "restarting",
        InstanceState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Parses a contract name (any case); null when unknown.</summary>
    public static InstanceState? Parse(string text)
    {
        foreach (var state in Enum.GetValues<InstanceState>())
        {
            if (string.Equals(ToText(state), text, StringComparison.OrdinalIgnoreCase)) return state;
        }
        return null;
    }
}
