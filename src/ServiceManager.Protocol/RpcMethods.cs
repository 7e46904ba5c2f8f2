namespace ServiceManager.Protocol;

/// <summary>Method and notification names on the wire.</summary>
public static class RpcMethods
{
    public const string Ping = "ping";
    public const string List = "list";
    public const string Status = "status";
    public const string Templates = "templates";
    public const string Start = "start";
    public const string Stop = "stop";
    public const string Restart = "restart";
    public const string Reload = "reload";
    public const string Logs = "logs";
    public const string Unsubscribe = "unsubscribe";
    public const string Run = "run";
    public const string Create = "create";
    public const string Remove = "remove";
    public const string Ports = "ports";
    public const string Signal = "signal";
    public const string Kill = "kill";
    public const string Doctor = "doctor";
    public const string Orphans = "orphans";
    public const string Metrics = "metrics";
    public const string Events = "events";
    public const string Inspect = "inspect";
    public const string Scale = "scale";
    public const string RollingRestart = "rollingRestart";

    /// <summary>Notification carrying one followed log line.</summary>
    public const string LogNotification = "log";

    /// <summary>Notification carrying one event of an <c>events</c> subscription (<see cref="EventTypes"/>).</summary>
    public const string EventNotification = "event";

    /// <summary>Notification: the daemon ended a subscription on its own (slow follower, instance removed).</summary>
    public const string SubscriptionEnded = "subscriptionEnded";
}
