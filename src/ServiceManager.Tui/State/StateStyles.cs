using ServiceManager.Tui.Rendering;

namespace ServiceManager.Tui.State;

/// <summary>How states and health read on screen: green when fine, yellow while changing, red when failed.</summary>
public static class StateStyles
{
    public static Style Of(string state) => state switch
    {
        "running" => Style.Good,
        "starting" or "stopping" or "restarting" => Style.Busy,
        "failed" => Style.Bad,
        _ => Style.Dim,
    };

    public static Style OfHealth(string health) => health switch
    {
        "healthy" => Style.Good,
        "unhealthy" => Style.Bad,
        _ => Style.Dim,
    };

    /// <summary>The word shown for a state: "online" for running, as pm2 users expect.</summary>
    public static string Label(string state) => state == "running" ? "online" : state;

    public static string Dot(string state) => state == "running" ? "●" : "○";
}
