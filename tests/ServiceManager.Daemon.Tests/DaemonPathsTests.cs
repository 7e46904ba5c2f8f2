using ServiceManager.Protocol;

namespace ServiceManager.Daemon.Tests;

public sealed class DaemonPathsTests
{
    private static DaemonPaths Resolve(Dictionary<string, string> env, string? socket = null, string? config = null) =>
        DaemonPaths.Resolve(name => env.GetValueOrDefault(name), socket, config);

    [Fact]
    public void Svcmgr_home_puts_everything_in_one_directory()
    {
        var paths = Resolve(new() { ["SVCMGR_HOME"] = "/srv/sm", ["XDG_RUNTIME_DIR"] = "/run/user/1", ["HOME"] = "/home/u" });
        paths.SocketPath.Should().Be("/srv/sm/svcmgr.sock");
        paths.PidFile.Should().Be("/srv/sm/svcmgr.pid");
        paths.StateFile.Should().Be("/srv/sm/state.json");
        paths.LogsDirectory.Should().Be("/srv/sm/logs");
        paths.ConfigPath.Should().Be("/srv/sm/services.toml");
    }

    [Fact]
    public void Xdg_directories_are_used_without_svcmgr_home()
    {
        var paths = Resolve(new() { ["HOME"] = "/home/u", ["XDG_RUNTIME_DIR"] = "/run/user/1", ["XDG_STATE_HOME"] = "/home/u/st", ["XDG_CONFIG_HOME"] = "/home/u/cf" });
        paths.SocketPath.Should().Be("/run/user/1/svcmgr/svcmgr.sock");
        paths.LogsDirectory.Should().Be("/home/u/st/svcmgr/logs");
        paths.ConfigPath.Should().Be("/home/u/cf/svcmgr/services.toml");
    }

    [Fact]
    public void Without_a_runtime_dir_the_socket_lives_in_a_per_user_tmp_directory()
    {
        var paths = Resolve(new() { ["HOME"] = "/home/u" });
        paths.RuntimeDirectory.Should().MatchRegex(@"^/tmp/svcmgr-\d+$");
        paths.StateDirectory.Should().Be("/home/u/.local/state/svcmgr");
        paths.ConfigPath.Should().Be("/home/u/.config/svcmgr/services.toml");
    }

    [Fact]
    public void Options_beat_environment_variables_which_beat_defaults()
    {
        var env = new Dictionary<string, string> { ["SVCMGR_HOME"] = "/srv/sm", ["SVCMGR_SOCKET"] = "/a/s.sock", ["SVCMGR_CONFIG"] = "/a/c.toml" };
        Resolve(env).SocketPath.Should().Be("/a/s.sock");
        Resolve(env).ConfigPath.Should().Be("/a/c.toml");
        Resolve(env, socket: "/b/s.sock", config: "/b/c.toml").Should().Match<DaemonPaths>(p => p.SocketPath == "/b/s.sock" && p.ConfigPath == "/b/c.toml");
    }

    [Fact]
    public void Empty_variables_count_as_unset_and_relative_xdg_directories_are_ignored()
    {
        var paths = Resolve(new()
        {
            ["SVCMGR_HOME"] = "", ["SVCMGR_CONFIG"] = "", ["SVCMGR_SOCKET"] = "",
            ["XDG_CONFIG_HOME"] = "cf", ["XDG_STATE_HOME"] = "st", ["XDG_RUNTIME_DIR"] = "run", ["HOME"] = "/h",
        });
        paths.ConfigPath.Should().Be("/h/.config/svcmgr/services.toml");
        paths.StateDirectory.Should().Be("/h/.local/state/svcmgr");
        paths.RuntimeDirectory.Should().MatchRegex(@"^/tmp/svcmgr-\d+$");
    }

    [Fact]
    public void Relative_option_paths_are_made_absolute_against_the_current_directory()
    {
        var paths = Resolve(new() { ["HOME"] = "/h" }, socket: "s.sock", config: "x.toml");
        paths.ConfigPath.Should().Be(Path.Combine(Environment.CurrentDirectory, "x.toml"));
        paths.SocketPath.Should().Be(Path.Combine(Environment.CurrentDirectory, "s.sock"));
    }
}
