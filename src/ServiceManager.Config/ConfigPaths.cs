namespace ServiceManager.Config;

/// <summary>Where the config file is, per the product contract's "Paths" table.</summary>
public static class ConfigPaths
{
    public const string FileName = "services.toml";

    /// <summary>
    /// <paramref name="commandLine"/> (<c>--config</c>), else <c>SVCMGR_CONFIG</c>, else <c>$SVCMGR_HOME/services.toml</c>,
    /// else <c>$XDG_CONFIG_HOME/svcmgr/services.toml</c>, else <c>~/.config/svcmgr/services.toml</c>. Empty variables count as unset.
    /// </summary>
    /// <returns>An absolute path; the file need not exist.</returns>
    public static string ResolveConfigFile(IReadOnlyDictionary<string, string> environment, string? commandLine = null)
    {
        if (!string.IsNullOrEmpty(commandLine)) return Path.GetFullPath(commandLine);
        if (Get(environment, "SVCMGR_CONFIG") is { } explicitPath) return Path.GetFullPath(explicitPath);
        if (Get(environment, "SVCMGR_HOME") is { } home) return Path.GetFullPath(Path.Combine(home, FileName));
        // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
        if (Get(environment, "XDG_CONFIG_HOME") is { } xdg && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "svcmgr", FileName);
        return Path.Combine(UserHome(environment), ".config", "svcmgr", FileName);
    }

    private static string UserHome(IReadOnlyDictionary<string, string> environment) =>
        Get(environment, "HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private static string? Get(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
