namespace ServiceManager.Tui.Session;

/// <summary>Where the session hands its results: the screens' state is only touched on the UI loop's thread.</summary>
public interface IUiThread
{
    /// <summary>Runs <paramref name="action"/> on the UI thread, then redraws.</summary>
    void Post(Action action);

    /// <summary>Ends the UI loop (the terminal is restored by its owner).</summary>
    void Quit();
}
