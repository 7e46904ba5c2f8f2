using ServiceManager.Tui.Rendering;
using ServiceManager.Tui.State;

namespace ServiceManager.Tui.Screens;

/// <summary>The key map (also what docs/tui.md lists).</summary>
public sealed class HelpModel : IScreen
{
    public static readonly IReadOnlyList<(string Keys, string What)> KeyMap =
    [
        ("Dashboard", ""),
        ("↑ ↓  j k  PgUp PgDn  g G", "move the selection"),
        ("/", "filter by name, template or tag (esc clears)"),
        ("⏎", "detail of the selected instance"),
        ("s", "start it, or stop it when it runs"),
        ("r", "restart it"),
        ("d", "remove it (asks: y to confirm)"),
        ("l / L", "its logs / all listed instances' logs merged"),
        ("m", "monitor: a tile per instance and the recent logs"),
        ("Detail", ""),
        ("e", "show or mask the environment's values"),
        ("s r l", "start/stop, restart, logs"),
        ("Logs", ""),
        ("f", "pause / follow"),
        ("/  n  N", "search; next (older) / previous match"),
        ("t", "stream: both, stdout, stderr"),
        ("c", "clear the screen's buffer"),
        ("↑ ↓  PgUp PgDn  Home End", "scroll back (End follows again)"),
        ("Everywhere", ""),
        ("?", "this help"),
        ("esc  q", "back; q on the dashboard quits, so does Ctrl-C"),
    ];

    public string Title => "Help";

    public string Keys => "q back";

    public bool EditingText => false;

    public IReadOnlyList<TopCommand> HandleKey(KeyInput key, TopModel top) => [];

    public IReadOnlyList<Line> Render(int width, int height, DateTimeOffset now)
    {
        var keyWidth = Math.Min(26, KeyMap.Max(k => k.Keys.Length) + 2);
        return
        [
            .. KeyMap.Select(k => k.What.Length == 0
                ? Line.Of(" " + k.Keys, Style.Header)
                : new LineBuilder(width).Add("   ").Add(TextFit.Pad(k.Keys, keyWidth), Style.Key).Add(k.What).Build()),
        ];
    }
}
