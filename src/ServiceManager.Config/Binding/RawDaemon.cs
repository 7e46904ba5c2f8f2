using ServiceManager.Config.Model;

namespace ServiceManager.Config.Binding;

/// <summary>The <c>[daemon]</c> table as written.</summary>
internal sealed record RawDaemon
{
    public Located<PortRange>? DefaultPortRange { get; set; }

    public Located<long>? LogMaxSize { get; set; }

    public Located<int>? LogMaxFiles { get; set; }

    public Located<int>? LogBufferLines { get; set; }

    public Located<IReadOnlyList<PortPattern>>? PortPatterns { get; set; }

    public Located<CgroupMode>? Cgroups { get; set; }

    public Located<bool>? WatchConfig { get; set; }

    public DaemonSettings ToSettings()
    {
        var d = DaemonSettings.Default;
        return new DaemonSettings(
            DefaultPortRange?.Value ?? d.DefaultPortRange,
            LogMaxSize?.Value ?? d.LogMaxBytes,
            LogMaxFiles?.Value ?? d.LogMaxFiles,
            LogBufferLines?.Value ?? d.LogBufferLines)
        {
            PortPatterns = PortPatterns?.Value ?? d.PortPatterns,
            Cgroups = Cgroups?.Value ?? d.Cgroups,
            WatchConfig = WatchConfig?.Value ?? d.WatchConfig,
        };
    }
}
