using ServiceManager.Config.Model;

namespace ServiceManager.Daemon.Hosting;

/// <summary>How long the host may take to stop: every child's stop grace (they stop in parallel) plus a margin.</summary>
internal static class ShutdownBudget
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(15);

    /// <param name="runTime">Instances restored from the state file, which stop with their own grace too.</param>
    public static TimeSpan For(ServicesConfig config, IEnumerable<InstanceDefinition>? runTime = null)
    {
        var all = config.Instances.Concat(runTime ?? []).ToList();
        var longest = all.Count == 0 ? TimeSpan.Zero : all.Max(i => i.Stop.Timeout);
        // Instances added later by reload may have longer grace; never go below the host's usual 30 s.
        return TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, (longest + Margin).Ticks));
    }
}
