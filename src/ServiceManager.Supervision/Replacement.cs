namespace ServiceManager.Supervision;

/// <summary>
/// One rolling-reload step for an instance: how its replacement's readiness is judged, and what became of it.
/// </summary>
/// <param name="healthy">The instance's health check, tried until it passes (null: none; readiness is then the
/// <c>ready_log_line</c>, else running for <see cref="InstanceSupervisor.SettleTime"/>).</param>
public sealed class Replacement(Func<CancellationToken, Task<bool>>? healthy = null)
{
    internal Func<CancellationToken, Task<bool>>? Healthy => healthy;

    /// <summary>Why the replacement was given up (the old process kept serving); null when it took over.</summary>
    public string? Failure { get; internal set; }

    /// <summary>The pid that serves after the step: the replacement's, or the old one's when it failed.</summary>
    public int? Pid { get; internal set; }
}
