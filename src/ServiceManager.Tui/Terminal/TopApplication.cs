using System.Runtime.InteropServices;
using ServiceManager.Tui.Screens;
using ServiceManager.Tui.Session;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Views;

namespace ServiceManager.Tui.Terminal;

/// <summary>
/// Runs <c>svcmgr top</c>: Terminal.Gui owns the terminal (raw mode, alternate screen, resize) and restores it when
/// the loop ends, whether by q, Ctrl-C (a key in raw mode), or SIGINT/SIGTERM sent to the process. SIGHUP (the
/// terminal went away) keeps its default action, ending the process: there is no terminal left to restore.
/// </summary>
public static class TopApplication
{
    // Redraws the clock-driven figures (uptime) between daemon events; it asks the daemon nothing.
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DisposeBound = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string socketPath, CancellationToken cancellationToken)
    {
        var model = new TopModel();
        var time = TimeProvider.System;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task session;

        var app = Application.Create();
        try
        {
            app.Init();
            TopSession? top = null;
            // The window owns and disposes the screen.
            var screen = new ScreenView(model, time, key => top?.Execute(model.HandleKey(key, time.GetUtcNow())));
            using var window = new Window { BorderStyle = LineStyle.None };
            window.Add(screen);
            var ui = new TerminalUiThread(app, screen);
            top = new TopSession(socketPath, model, ui, time);

            using var registrations = new SignalRegistrations(ui);
            using var cancelled = cancellationToken.Register(ui.Quit);
            app.AddTimeout(Tick, () =>
            {
                screen.SetNeedsDraw();
                return true;
            });

            session = Task.Run(() => top.RunAsync(stopping.Token), CancellationToken.None);
            app.Run(window);
        }
        finally
        {
            // Disposing restores the terminal. It waits for Terminal.Gui's input loop, which was seen to spin for
            // ever on a terminal that had hung up: past a bound, leave without it (its thread is a background one).
            var disposing = Task.Run(app.Dispose);
            try
            {
                await disposing.WaitAsync(DisposeBound, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                // The terminal is gone; there is nothing left to restore.
            }
        }

        await stopping.CancelAsync();
        await session;
        return 0;
    }

    private sealed class SignalRegistrations : IDisposable
    {
        private readonly PosixSignalRegistration[] _registrations;

        public SignalRegistrations(IUiThread ui)
        {
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                ui.Quit();
            }
            _registrations =
            [
                PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop),
            ];
        }

        public void Dispose()
        {
            foreach (var registration in _registrations) registration.Dispose();
        }
    }
}
