namespace ServiceManager.TestSupport;

/// <summary>The instance log files under $SVCMGR_HOME/logs, and a way to make a waiting child speak.</summary>
public static class LogFiles
{
    public static string PathOf(TestHome home, string instance) => Path.Combine(home.LogsDirectory, instance + ".log");

    public static string Read(TestHome home, string instance)
    {
        var path = PathOf(home, instance);
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    /// <summary>Waits until the instance's log file has a line containing <paramref name="text"/>.</summary>
    public static Task WaitForAsync(TestHome home, string instance, string text) =>
        Eventually.TrueAsync(() => Read(home, instance).Contains(text, StringComparison.Ordinal), $"'{text}' in the log of {instance}");

    /// <summary>
    /// Creates <paramref name="name"/> in the home atomically (write then rename), for a child polling for it. The
    /// children take it with <c>mv</c> before printing it, so once its text is seen the name is free again.
    /// </summary>
    public static void Signal(TestHome home, string name, string content = "")
    {
        var temporary = Path.Combine(home.Path, name + ".tmp");
        File.WriteAllText(temporary, content);
        File.Move(temporary, Path.Combine(home.Path, name));
    }
}
