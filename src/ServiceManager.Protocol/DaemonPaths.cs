using System.Globalization;

namespace ServiceManager.Protocol;

/// <summary>
/// Where the daemon keeps its state, logs, socket and pidfile (product spec, section 1). <c>SVCMGR_HOME</c> puts
/// everything under one directory; otherwise XDG locations are used.
/// </summary>
public sealed record DaemonPaths(string StateDirectory, string RuntimeDirectory, string SocketPath, string ConfigPath)
{
    public string LogsDirectory => Path.Combine(StateDirectory, "logs");

    public string PidFile => Path.Combine(RuntimeDirectory, "svcmgr.pid");

    public string StateFile => Path.Combine(StateDirectory, "state.json");

    /// <summary>The daemon's own log (its current file; rotated ones sit beside it).</summary>
    public string DaemonLogFile => Path.Combine(StateDirectory, "daemon.log");

    /// <param name="getEnv">Reads an environment variable; injectable so tests need not touch the process environment.</param>
    /// <param name="socketOverride">The <c>--socket</c> option, if given.</param>
    /// <param name="configOverride">The <c>--config</c> option, if given.</param>
    public static DaemonPaths Resolve(Func<string, string?> getEnv, string? socketOverride = null, string? configOverride = null)
    {
        string? Env(string name) => getEnv(name) is { Length: > 0 } v ? v : null;
        // The XDG spec says relative paths in these variables are invalid and must be ignored.
        string? XdgDir(string name) => Env(name) is { } v && Path.IsPathRooted(v) ? v : null;
        var userHome = Env("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        string state, runtime, config;
        if (Env("SVCMGR_HOME") is { } home)
        {
            home = Path.GetFullPath(home);
            state = runtime = home;
            config = Path.Combine(home, "services.toml");
        }
        else
        {
            state = Path.Combine(XdgDir("XDG_STATE_HOME") ?? Path.Combine(userHome, ".local", "state"), "svcmgr");
            runtime = XdgDir("XDG_RUNTIME_DIR") is { } xdgRuntime
                ? Path.Combine(xdgRuntime, "svcmgr")
                : Path.Combine(Path.GetTempPath(), "svcmgr-" + CurrentUid().ToString(CultureInfo.InvariantCulture));
            config = Path.Combine(XdgDir("XDG_CONFIG_HOME") ?? Path.Combine(userHome, ".config"), "svcmgr", "services.toml");
        }

        var socket = socketOverride ?? Env("SVCMGR_SOCKET") ?? Path.Combine(runtime, "svcmgr.sock");
        config = configOverride ?? Env("SVCMGR_CONFIG") ?? config;
        return new DaemonPaths(state, runtime, Path.GetFullPath(socket), Path.GetFullPath(config));
    }

    public static DaemonPaths FromEnvironment(string? socketOverride = null, string? configOverride = null) =>
        Resolve(Environment.GetEnvironmentVariable, socketOverride, configOverride);

    private static uint CurrentUid()
    {
        // /proc/self/status has "Uid: real effective ..."; avoids a P/Invoke in a library every front end loads.
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
                return uint.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
        return 0;
    }
}
