using System.Net;
using System.Net.Sockets;

namespace ServiceManager.Web.Tests.Hosting;

/// <summary><c>[web] listen</c>: the daemon runs svcmgr-web itself, starts it again when it dies and stops it with itself.</summary>
public sealed class DaemonRunsWebTests
{
    [Fact]
    public async Task The_daemon_serves_the_web_front_end_restarts_it_and_stops_it_on_shutdown()
    {
        using var home = new TestHome();
        var port = FreePort();
        home.WriteConfig($"""
            [web]
            listen = "127.0.0.1:{port}"

            [instances.alpha]
            start_command = "sleep 1000"
            auto_start = true
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };

        var health = await HealthAsync(http, "svcmgr-web started by the daemon");
        health.GetProperty("daemon").GetProperty("pid").GetInt32().Should().Be(daemon.Process.Id);
        var first = WebPids(daemon.Process.Id).Should().ContainSingle("one svcmgr-web, a child of the daemon").Subject;
        (await Json.GetAsync(http, "/api/instances")).Text.Should().Contain("\"alpha\"").And.NotContain("svcmgr-web", "it is not an instance");

        ServiceManager.Platform.Unix.UnixProcess.Signal(first, 9);
        var second = await Eventually.GetAsync(() => Task.FromResult(WebPids(daemon.Process.Id).FirstOrDefault()), pid => pid != 0 && pid != first, "a new svcmgr-web");
        await HealthAsync(http, "the restarted svcmgr-web");

        await daemon.TerminateAsync();
        await Processes.GoneAsync(second, "svcmgr-web to stop with the daemon");
    }

    [Fact]
    public async Task After_the_daemon_is_killed_with_sigkill_its_svcmgr_web_stops_and_the_next_daemons_takes_the_port()
    {
        using var home = new TestHome();
        var port = FreePort();
        home.WriteConfig($"""
            [web]
            listen = "127.0.0.1:{port}"
            """);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        int orphan;
        await using (var killed = await DaemonProcess.StartAsync(home.Path))
        {
            await HealthAsync(http, "svcmgr-web started by the first daemon");
            orphan = WebPids(killed.Process.Id).Should().ContainSingle().Subject;

            ServiceManager.Platform.Unix.UnixProcess.Signal(killed.Process.Id, 9);
            await killed.Process.WaitForExitAsync();
        }

        await Processes.GoneAsync(orphan, "the killed daemon's svcmgr-web");
        await using var next = await DaemonProcess.StartAsync(home.Path);
        var health = await Eventually.GetAsync(async () =>
        {
            try { return await Json.GetAsync(http, "/api/health"); }
            catch (HttpRequestException) { return null; }
            catch (TaskCanceledException) { return null; }
        }, a => a?.Status == HttpStatusCode.OK && a.Body.GetProperty("daemon").GetProperty("pid").GetInt32() == next.Process.Id,
            "the next daemon's svcmgr-web on the same port");
        WebPids(next.Process.Id).Should().ContainSingle("the next daemon runs its own svcmgr-web: " + health);
    }

    [Fact]
    public async Task A_web_table_without_listen_is_a_config_error_naming_the_key()
    {
        using var home = new TestHome();
        home.WriteConfig("""
            [web]
            token_file = "web.token"
            """);

        var result = await Svcmgr.RunAsync(home.Path, "daemon");

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().Contain("web.listen").And.Contain("services.toml");
    }

    private static async Task<System.Text.Json.JsonElement> HealthAsync(HttpClient http, string what) =>
        (await Eventually.GetAsync(async () =>
        {
            try { return await Json.GetAsync(http, "/api/health"); }
            catch (HttpRequestException) { return null; }
            catch (TaskCanceledException) { return null; }
        }, a => a?.Status == HttpStatusCode.OK, what))!.Body;

    /// <summary>svcmgr-web processes whose parent is <paramref name="daemonPid"/>.</summary>
    private static List<int> WebPids(int daemonPid) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == daemonPid && CommandLine(pid).Contains("svcmgr-web", StringComparison.Ordinal))];

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }

    private static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
