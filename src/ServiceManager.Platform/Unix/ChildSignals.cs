using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix;

/// <summary>Process-wide signal set-up that reaping children depends on.</summary>
public static unsafe class ChildSignals
{
    /// <summary>
    /// Resets SIGCHLD from SIG_IGN (inherited from some parents) to SIG_DFL: while it is ignored the kernel reaps
    /// children itself and every wait fails, the runtime's included. Any other disposition (normally the runtime's
    /// own handler) is left alone. Call it first thing at start-up: the runtime records the disposition it finds when
    /// it first starts a Process or sets up the console, and keeps honouring SIG_IGN from then on.
    /// </summary>
    /// <returns>True when the disposition had to be reset.</returns>
    public static bool EnsureDefaultDisposition()
    {
        LibC.SigAction current = default;
        if (LibC.sigaction(LibC.SIGCHLD, null, &current) != 0 || current.Handler != LibC.SIG_IGN) return false;
        LibC.SigAction defaults = default; // SIG_DFL, empty mask, no flags
        if (LibC.sigaction(LibC.SIGCHLD, &defaults, null) != 0)
            throw new InvalidOperationException($"sigaction(SIGCHLD): {LibC.ErrorText(Marshal.GetLastPInvokeError())}");
        return true;
    }
}
