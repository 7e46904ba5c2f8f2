using ServiceManager.Config.Model;

namespace ServiceManager.Daemon.Hosting;

/// <summary>How long the host may take to stop: every child's stop grace (they stop in parallel) plus a margin.</summary>
internal static class ShutdownBudget
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(15);

    public static TimeSpan For(ServicesConfig config)
    {
        var longest = config.Instances.Count == 0 ? TimeSpan.Zero : config.Instances.Max(i => i.Stop.Timeout);
        // Instances added later by reload may have longer grace; never go below the host's usual 30 s.
        return TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, (longest + Margin).Ticks));
    }
}
