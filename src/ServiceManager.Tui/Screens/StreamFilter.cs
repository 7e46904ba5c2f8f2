namespace ServiceManager.Tui.Screens;

/// <summary>Which of an instance's streams the log viewer shows.</summary>
public enum StreamFilter
{
    Both,
    Stdout,
    Stderr,
}
