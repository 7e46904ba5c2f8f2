
namespace ServiceManager.Reliability.Tests.Support;

/// <summary>
/// A private home and (once started) a daemon, both cleaned up after the test whatever happens: the daemon is
/// stopped, and any process that still carries the home in its environment (orphans of a killed daemon, escaped
/// grandchildren) is SIGKILLed.
/// </summary>
public abstract class DaemonFixture : IAsyncLifetime
{
    private readonly List<DaemonProcess> _daemons = [];

    internal TestHome Home { get; } = new();

    internal DaemonProcess Daemon => _daemons[^1];

    internal async Task<DaemonProcess> StartDaemonAsync()
    {
        var daemon = await DaemonProcess.StartAsync(Home.Path);
        _daemons.Add(daemon);
        return daemon;
    }

    internal Task<CliResult> CliAsync(params string[] args) => Svcmgr.RunAsync(Home.Path, args);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Cleanup that must wait until no daemon uses the home (an unmount, say).</summary>
    protected virtual void AfterDaemonsStopped()
    {
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var daemon in _daemons) await daemon.DisposeAsync();
        InstanceProcesses.KillAll(Home.Path);
        AfterDaemonsStopped();
        Home.Dispose();
    }
}
