using ServiceManager.Tui.Rendering;
using ServiceManager.Tui.State;

namespace ServiceManager.Tui.Screens;

/// <summary>One full-screen view: pure state that renders to rows and reacts to keys, testable without a terminal.</summary>
public interface IScreen
{
    string Title { get; }

    /// <summary>The footer's key hints, "|" between them; each starts with its key, drawn apart from the words.</summary>
    string Keys { get; }

    /// <summary>True while the screen edits text (a filter or a search): every printable key goes to it, q included.</summary>
    bool EditingText { get; }

    /// <summary>Reacts to a key; navigation goes through <paramref name="top"/>, daemon requests into the result.</summary>
    IReadOnlyList<TopCommand> HandleKey(KeyInput key, TopModel top);

    /// <summary>The rows between the title bar and the footer.</summary>
    IReadOnlyList<Line> Render(int width, int height, DateTimeOffset now);
}
