using System.Net.Http;
using System.Text.RegularExpressions;

namespace ServiceManager.EndToEnd.Tests.Fleet;

/// <summary>
/// The issue's story: <c>svcmgr start -- python3 -m http.server</c> with no config gets port 8000 (or the next free
/// one), shows in <c>list</c> with it, and serves HTTP. Alone in its collection: it competes for the 8000s.
/// </summary>
[Collection(Port8000Collection.Name)]
public sealed partial class HttpServerTests
{
    [Fact]
    public async Task Start_dash_dash_python_http_server_gets_port_8000_or_the_next_free_one_and_answers()
    {
        using var home = new TestHome();
        var site = Directory.CreateDirectory(Path.Combine(home.Path, "my-api")).FullName;
        await File.WriteAllTextAsync(Path.Combine(site, "marker-e2e.txt"), "hello");
        var daemon = await DaemonProcess.StartAsync(home.Path);
        try
        {
            var result = await FleetCli.RunInAsync(home.Path, site, "start", "--", "python3", "-m", "http.server");

            result.ExitCode.Should().Be(0, result.ToString());
            var match = Started().Match(result.Stdout);
            match.Success.Should().BeTrue(result.Stdout);
            var port = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
            port.Should().BeInRange(8000, 8999);
            match.Groups["name"].Value.Should().Be($"my-api-http-{port}");

            var list = TextTable.Parse((await Svcmgr.RunAsync(home.Path, "list")).Stdout);
            list.Row("NAME", $"my-api-http-{port}").Should().Contain("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("STATE", "running");

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var body = await Eventually.GetAsync(() => http.GetStringAsync($"http://127.0.0.1:{port}/"), b => b.Contains("marker-e2e.txt", StringComparison.Ordinal), $"http.server on port {port} to list its directory");
            body.Should().Contain("marker-e2e.txt", "it is our child serving our directory, not something else on that port");
        }
        finally
        {
            await daemon.DisposeAsync();
            InstanceProcesses.KillAll(home.Path);
        }
    }

    [GeneratedRegex(@"^started (?<name>\S+) \(#\d+\), pid \d+, port (?<port>\d+)\n$")]
    private static partial Regex Started();
}
