using ServiceManager.Logs;

namespace ServiceManager.Supervision;

/// <summary>An instance the fleet owns: its supervisor and the log its output goes to; disposed together.</summary>
internal sealed record FleetMember(InstanceSupervisor Supervisor, InstanceLog Log)
{
    public async Task DisposeAsync()
    {
        await Supervisor.DisposeAsync();
        Log.Dispose();
    }
}
