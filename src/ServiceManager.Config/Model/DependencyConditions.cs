namespace ServiceManager.Config.Model;

/// <summary>The names of <see cref="DependencyCondition"/>s in the config and on the wire.</summary>
public static class DependencyConditions
{
    /// <summary>The names a config may give, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["started", "healthy", "log_ready", "completed"];

    public static string ToText(DependencyCondition condition) => condition switch
    {
        DependencyCondition.Started => "started",
        DependencyCondition.Healthy => "healthy",
        DependencyCondition.LogReady => "log_ready",
        DependencyCondition.Completed => "completed",
        _ => "running",
    };

    /// <summary>svcmgr's names (<c>running</c> is a bare name's meaning, accepted for completeness), and
    /// process-compose's for people bringing a compose file over.</summary>
    public static DependencyCondition? Parse(string text) => text switch
    {
        "running" => DependencyCondition.Running,
        "started" or "process_started" => DependencyCondition.Started,
        "healthy" or "process_healthy" => DependencyCondition.Healthy,
        "log_ready" or "process_log_ready" => DependencyCondition.LogReady,
        "completed" or "process_completed_successfully" => DependencyCondition.Completed,
        _ => null,
    };
}
