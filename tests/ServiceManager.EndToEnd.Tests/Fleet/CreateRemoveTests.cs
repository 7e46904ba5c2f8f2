using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.EndToEnd.Tests.Fleet;

/// <summary><c>create</c> and <c>remove</c>: ids, ports (also under concurrency and next to a foreign listener), single-instance templates.</summary>
public sealed class CreateRemoveTests : IAsyncLifetime
{
    private readonly TestHome _home = new();
    private readonly int _base = FreePorts.Block(40);
    private DaemonProcess _daemon = null!;

    private string Port(int offset) => (_base + offset).ToString(CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        _home.WriteConfig($"""
            [templates.web]
            start_command = "python3 -m http.server {"{port}"} --bind 127.0.0.1"
            default_port = {_base}
            port_range = [{_base}, {_base + 39}]

            [templates.worker]
            start_command = "sleep 1000"
            default_port = {_base}
            port_range = [{_base}, {_base + 39}]

            [templates.single]
            start_command = "sleep 1000"
            supports_multiple = false

            [instances.from-file]
            start_command = "sleep 1000"
            """);
        _daemon = await DaemonProcess.StartAsync(_home.Path);
    }

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        InstanceProcesses.KillAll(_home.Path);
        _home.Dispose();
    }

    private Task<CliResult> Cli(params string[] args) => Svcmgr.RunAsync(_home.Path, args);

    [Fact]
    public async Task Create_names_and_numbers_instances_and_remove_stops_and_forgets_them()
    {
        var first = await Cli("create", "--template", "worker");
        var second = await Cli("create", "--template", "worker", "--id", "w-extra", "--start");

        first.ExitCode.Should().Be(0, first.ToString());
        first.Stdout.Should().Be($"created worker-1 (#2), port {Port(0)}\n");
        second.Stdout.Should().MatchRegex($@"^created and started w-extra \(#3\), pid \d+, port {Port(1)}\n$");
        var pid = (await Instances.GetAsync(_daemon, "w-extra")).Pid!.Value;
        (await Instances.GetAsync(_daemon, "worker-1")).State.Should().Be("stopped");

        var removed = await Cli("delete", "w-extra", "2");

        removed.ExitCode.Should().Be(0, removed.ToString());
        removed.Stdout.Should().Be("removed w-extra\nremoved worker-1\n");
        Processes.IsAlive(pid).Should().BeFalse("remove stops the child before it answers");
        (await Instances.ListAsync(_daemon)).Select(s => s.Id).Should().Equal("from-file");
        var again = await Cli("create", "--template", "worker", "--json");
        again.Stdout.Should().Contain("\"id\": \"worker-1\"").And.Contain("\"numericId\": 2", "an id that comes back gets its old number");
    }

    [Fact]
    public async Task Errors_single_instance_templates_unknown_templates_and_config_instances()
    {
        (await Cli("create", "--template", "single")).ExitCode.Should().Be(0);
        var twice = await Cli("create", "--template", "single");
        twice.ExitCode.Should().Be(64, twice.ToString());
        twice.Stderr.Should().Be("svcmgr: template 'single' has supports_multiple = false and instance 'single-1' already uses it\n");

        var unknown = await Cli("create", "--template", "nope");
        unknown.ExitCode.Should().Be(4, unknown.ToString());
        unknown.Stderr.Should().Contain("no such template 'nope'; templates: single, web, worker");

        var fileInstance = await Cli("remove", "from-file", "single-1");
        fileInstance.ExitCode.Should().Be(64, fileInstance.ToString());
        fileInstance.Stderr.Should().Contain("'from-file' is defined in the config file").And.Contain("nothing was removed");
        (await Instances.ListAsync(_daemon)).Select(s => s.Id).Should().Contain("single-1");
        (await Cli("remove", "nope")).ExitCode.Should().Be(4);
        (await Cli("create", "--template", "worker", "--id", "Bad!")).ExitCode.Should().Be(64);
    }

    [Fact]
    public async Task Ten_concurrent_creates_get_ten_different_ports()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _daemon.ConnectAsync()));
        try
        {
            var created = await Task.WhenAll(clients.Select(c => c.CreateAsync(new CreateParams("worker"))));

            created.Select(s => s.Port).Should().OnlyHaveUniqueItems().And.OnlyContain(p => p >= _base && p < _base + 40);
            created.Select(s => s.Id).Should().OnlyHaveUniqueItems();
            var state = await File.ReadAllTextAsync(Path.Combine(_home.Path, "state.json"));
            created.Should().OnlyContain(s => state.Contains($"\"id\": \"{s.Id}\"", StringComparison.Ordinal), "each create is on disk before it answers");
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_port_held_by_a_foreign_listener_is_skipped_and_the_instance_serves_on_the_next()
    {
        var foreign = new TcpListener(IPAddress.Loopback, _base);
        foreign.Start();
        try
        {
            var created = await Cli("create", "--template", "web", "--start");

            created.ExitCode.Should().Be(0, created.ToString());
            created.Stdout.Should().EndWith($", port {Port(1)}\n", "the template's default_port is held by a listener that is not an instance");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.GetAsync(() => http.GetStringAsync($"http://127.0.0.1:{Port(1)}/"), body => body.Length > 0, "the instance to serve on its port");

            var explicitPort = await Cli("create", "--template", "web", "--port", Port(0));
            explicitPort.ExitCode.Should().Be(1, explicitPort.ToString());
            explicitPort.Stderr.Should().Contain($"port {Port(0)} is in use on this machine");
        }
        finally
        {
            foreign.Stop();
        }
    }
}
