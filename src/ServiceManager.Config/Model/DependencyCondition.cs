namespace ServiceManager.Config.Model;

/// <summary>What a <c>depends_on</c> entry waits for (process-compose's conditions, under svcmgr's names).</summary>
public enum DependencyCondition
{
    /// <summary>A bare name: the dependency is running and, if it has a health check, healthy.</summary>
    Running,

    /// <summary><c>started</c> (process_started): the dependency's current run has begun; a one-shot that already
    /// ended on its own counts too.</summary>
    Started,

    /// <summary><c>healthy</c> (process_healthy): running and declared healthy by its health check.</summary>
    Healthy,

    /// <summary><c>log_ready</c> (process_log_ready): running, and a line of this run's output matched its
    /// <c>ready_log_line</c>.</summary>
    LogReady,

    /// <summary><c>completed</c> (process_completed_successfully): its latest run ended on its own with exit code 0.</summary>
    Completed,
}
