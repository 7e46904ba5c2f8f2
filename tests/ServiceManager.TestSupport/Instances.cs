using ServiceManager.Protocol.Messages;

namespace ServiceManager.TestSupport;

/// <summary>Reads instance state straight from the daemon (cheaper than a CLI run for polling).</summary>
public static class Instances
{
    public static async Task<IReadOnlyList<InstanceSummary>> ListAsync(DaemonProcess daemon)
    {
        await using var client = await daemon.ConnectAsync();
        return await client.ListAsync(new ListParams());
    }

    public static async Task<InstanceSummary> GetAsync(DaemonProcess daemon, string id) =>
        (await ListAsync(daemon)).Single(s => s.Id == id);

    public static async Task<InstanceDetail> StatusAsync(DaemonProcess daemon, string id)
    {
        await using var client = await daemon.ConnectAsync();
        return await client.StatusAsync(id);
    }

    public static Task<InstanceSummary> WaitForAsync(DaemonProcess daemon, string id, Func<InstanceSummary, bool> accept, string what) =>
        Eventually.GetAsync(() => GetAsync(daemon, id), accept, $"instance {id} {what}");

    /// <summary>Waits for the state; for "running" also for a pid.</summary>
    public static Task<InstanceSummary> WaitForStateAsync(DaemonProcess daemon, string id, string state) =>
        WaitForAsync(daemon, id, s => s.State == state && (state != "running" || s.Pid is not null), $"to be {state}");

    public static async Task<int> RunningPidAsync(DaemonProcess daemon, string id) =>
        (await WaitForStateAsync(daemon, id, "running")).Pid!.Value;
}
