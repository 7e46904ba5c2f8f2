using System.Net;

namespace ServiceManager.Web.Tests.Hosting;

/// <summary>
/// <c>svcmgr web</c> is a verb of the lean CLI: svcmgr hands it over with <c>exec</c> to svcmgr-web, which parses
/// svcmgr's whole command line (global options before the verb included), as svcmgr-daemon and svcmgr-top do.
/// </summary>
public sealed class WebVerbTests
{
    [Fact]
    public async Task Svcmgr_web_becomes_svcmgr_web_under_the_same_pid_and_its_api_answers()
    {
        using var home = new TestHome();
        home.WriteConfig("""
            [instances.alpha]
            start_command = "sleep 1000"
            auto_start = true
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);

        await using var web = await WebProcess.StartAsync(home.Path, "--listen", "127.0.0.1:0");
        using var http = web.CreateClient();

        File.ReadAllText($"/proc/{web.Process.Id}/cmdline").Split('\0').Should()
            .Contain(a => a.EndsWith("svcmgr-web.dll", StringComparison.Ordinal), "svcmgr exec'd its sibling in the pid that was started")
            .And.Contain("web");
        var health = await Json.GetAsync(http, "/api/health");
        health.Status.Should().Be(HttpStatusCode.OK, health.ToString());
        health.Body.GetProperty("daemon").GetProperty("pid").GetInt32().Should().Be(daemon.Process.Id);
        (await Json.GetAsync(http, "/api/instances")).Text.Should().Contain("\"alpha\"");
    }

    [Fact]
    public async Task A_socket_given_before_the_verb_reaches_the_web_front_end()
    {
        using var home = new TestHome();
        home.WriteConfig("""
            [instances.beta]
            start_command = "sleep 1000"
            """);
        var socket = Path.Combine(home.Path, "elsewhere.sock");
        await using var daemon = await DaemonProcess.StartAsync(home.Path, "--socket", socket);

        // No daemon on the home's default socket: only the --socket before `web` leads to this one.
        await using var web = await WebProcess.StartAsync(Svcmgr.StartInfo(home.Path, ["--socket", socket, "web", "--listen", "127.0.0.1:0"]));
        using var http = web.CreateClient();

        var instances = await Json.GetAsync(http, "/api/instances");
        instances.Status.Should().Be(HttpStatusCode.OK, instances.ToString());
        instances.Text.Should().Contain("\"beta\"");
    }

    [Fact]
    public async Task Help_is_the_siblings_and_a_bad_option_is_a_usage_error()
    {
        using var home = new TestHome();

        var help = await Svcmgr.RunAsync(home.Path, "web", "--help");
        var bad = await Svcmgr.RunAsync(home.Path, "web", "--no-such-option");

        help.ExitCode.Should().Be(0, help.ToString());
        help.Stdout.Should().Contain("svcmgr-web web [options]").And.Contain("--listen").And.Contain("--token-file");
        bad.ExitCode.Should().Be(64, bad.ToString());
        bad.Stderr.Should().Contain("--no-such-option");
    }
}
