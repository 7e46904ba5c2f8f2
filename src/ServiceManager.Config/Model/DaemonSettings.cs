namespace ServiceManager.Config.Model;

/// <summary>The optional <c>[daemon]</c> table.</summary>
/// <param name="LogMaxBytes">Size at which an instance's log file is rotated (<c>log_max_size</c>, default 10M).</param>
/// <param name="LogMaxFiles">Files kept per instance, the live one included (<c>log_max_files</c>, default 5).</param>
/// <param name="LogBufferLines">Recent lines kept in memory per instance (<c>log_buffer_lines</c>, default 1000).</param>
public sealed record DaemonSettings(PortRange DefaultPortRange, long LogMaxBytes, int LogMaxFiles, int LogBufferLines)
{
    public static DaemonSettings Default { get; } = new(new PortRange(8000, 8999), 10 * 1024 * 1024, 5, 1000);

    /// <summary>Whether children are kept in cgroups where cgroup v2 is writable (<c>cgroups</c>, default auto); read
    /// when the daemon starts.</summary>
    public CgroupMode Cgroups { get; init; } = CgroupMode.Auto;

    /// <summary><c>watch_config</c>: reload the config file when it changes, as <c>svcmgr reload</c> does (default off).</summary>
    public bool WatchConfig { get; init; }

    /// <summary>The user's <c>[[daemon.port_patterns]]</c>, in file order; they are tried before the built-in ones.</summary>
    public IReadOnlyList<PortPattern> PortPatterns { get; init; } = [];
}
