namespace ServiceManager.Config.Tests;

public sealed class ConfigPathsTests
{
    private static readonly Dictionary<string, string> _all = new()
    {
        ["SVCMGR_CONFIG"] = "/etc/svcmgr/custom.toml",
        ["SVCMGR_HOME"] = "/var/lib/svcmgr",
        ["XDG_CONFIG_HOME"] = "/home/u/.xdg",
        ["HOME"] = "/home/u",
    };

    private static Dictionary<string, string> Without(params string[] names) =>
        _all.Where(kv => !names.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);

    [Fact]
    public void The_command_line_beats_everything() =>
        ConfigPaths.ResolveConfigFile(_all, "/tmp/cli.toml").Should().Be("/tmp/cli.toml");

    [Fact]
    public void SVCMGR_CONFIG_beats_SVCMGR_HOME() =>
        ConfigPaths.ResolveConfigFile(_all).Should().Be("/etc/svcmgr/custom.toml");

    [Fact]
    public void SVCMGR_HOME_beats_XDG_CONFIG_HOME() =>
        ConfigPaths.ResolveConfigFile(Without("SVCMGR_CONFIG")).Should().Be("/var/lib/svcmgr/services.toml");

    [Fact]
    public void XDG_CONFIG_HOME_beats_HOME() =>
        ConfigPaths.ResolveConfigFile(Without("SVCMGR_CONFIG", "SVCMGR_HOME")).Should().Be("/home/u/.xdg/svcmgr/services.toml");

    [Fact]
    public void Without_XDG_the_default_is_under_dot_config() =>
        ConfigPaths.ResolveConfigFile(Without("SVCMGR_CONFIG", "SVCMGR_HOME", "XDG_CONFIG_HOME")).Should().Be("/home/u/.config/svcmgr/services.toml");

    [Fact]
    public void Empty_or_relative_XDG_values_are_ignored()
    {
        var env = new Dictionary<string, string> { ["SVCMGR_CONFIG"] = "", ["SVCMGR_HOME"] = "", ["XDG_CONFIG_HOME"] = "rel", ["HOME"] = "/h" };
        ConfigPaths.ResolveConfigFile(env).Should().Be("/h/.config/svcmgr/services.toml");
    }

    [Fact]
    public void A_relative_command_line_path_is_made_absolute() =>
        ConfigPaths.ResolveConfigFile(_all, "x.toml").Should().Be(Path.Combine(Environment.CurrentDirectory, "x.toml"));
}
