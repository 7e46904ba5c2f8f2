using System.Runtime.InteropServices;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// SIGHUP, handled for the daemon's whole life. Its default action ends the process, and the reload that answers it
/// can only start once the fleet is restored: so the signal is caught from the first thing the daemon does (before it
/// takes the pidfile), one that arrives before the reload is ready is kept and answered once it is, and one during
/// shutdown is ignored.
/// </summary>
internal sealed class ReloadSignal : IDisposable
{
    private readonly Lock _gate = new();
    private readonly PosixSignalRegistration _registration;
    private Action? _reload;
    private bool _pending;

    public ReloadSignal() => _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);

    /// <summary>From now on each SIGHUP runs <paramref name="reload"/>; so does one that came before, at once.</summary>
    public void Attach(Action reload)
    {
        bool pending;
        lock (_gate)
        {
            _reload = reload;
            pending = _pending;
            _pending = false;
        }

        if (pending) reload();
    }

    /// <summary>From now on a SIGHUP is caught and does nothing (the daemon is shutting down).</summary>
    public void Detach()
    {
        lock (_gate) _reload = null;
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Action? reload;
        lock (_gate)
        {
            reload = _reload;
            if (reload is null) _pending = true;
        }

        reload?.Invoke();
    }

    public void Dispose() => _registration.Dispose();
}
