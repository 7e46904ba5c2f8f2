namespace ServiceManager.Tui.Rendering;

/// <summary>What a piece of text means on screen; the terminal layer turns it into colours (or none, with NO_COLOR).</summary>
public enum Style
{
    Normal,
    Title,
    Header,
    Selected,
    Dim,
    Good,
    Busy,
    Bad,
    Stderr,
    Match,
    Key,
    Warning,
}
