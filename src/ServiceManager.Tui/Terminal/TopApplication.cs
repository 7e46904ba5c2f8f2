using System.Runtime.InteropServices;
using ServiceManager.Tui.Screens;
using ServiceManager.Tui.Session;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Views;

namespace ServiceManager.Tui.Terminal;

/// <summary>
/// Runs <c>svcmgr top</c>: Terminal.Gui owns the terminal (raw mode, alternate screen, resize) and restores it when
/// the loop ends, whether by q, Ctrl-C (a key in raw mode), or SIGINT/SIGTERM/SIGHUP sent to the process.
/// </summary>
public static class TopApplication
{
    // Redraws the clock-driven figures (uptime) between daemon events; it asks the daemon nothing.
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string socketPath, CancellationToken cancellationToken)
    {
        var model = new TopModel();
        var time = TimeProvider.System;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task session;

        using (var app = Application.Create())
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
                PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop),
            ];
        }

        public void Dispose()
        {
            foreach (var registration in _registrations) registration.Dispose();
        }
    }
}
