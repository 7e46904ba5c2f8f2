using ServiceManager.Tui.Session;
using Terminal.Gui.App;
using Terminal.Gui.ViewBase;

namespace ServiceManager.Tui.Terminal;

/// <summary>Posts onto Terminal.Gui's main loop and redraws the screen after each change.</summary>
internal sealed class TerminalUiThread(IApplication app, View screen) : IUiThread
{
    public void Post(Action action) => app.Invoke(() =>
    {
        action();
        screen.SetNeedsDraw();
    });

    public void Quit() => app.Invoke(() => app.RequestStop());
}
