using System.Text.Json;

namespace ServiceManager.EndToEnd.Tests.Monitoring;

/// <summary>CPU and memory of real processes in <c>list</c>, <c>status</c> and <c>metrics</c>.</summary>
public sealed class MetricsTests
{
    private const string Config = """
        [instances.burner]
        start_command = ["sh", "-c", "while :; do :; done"]
        auto_start = true

        [instances.idle]
        start_command = "sleep 1000"
        auto_start = true
        """;

    // Two sampling cycles (2 s apart) are needed for a rate; a loaded machine may need several more.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_process_that_burns_cpu_shows_it_in_list_json_and_stopping_it_clears_its_metrics()
    {
        using var home = new TestHome();
        home.WriteConfig(Config);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.WaitForStateAsync(daemon, "burner", "running");

        // Not "above 50": on a 2-core machine at load average 30 a busy loop gets about 7% of the machine; a sleeping
        // process gets 0, which is what the idle instance is checked against below.
        var burner = await Eventually.GetAsync(async () =>
        {
            var result = await Svcmgr.RunAsync(home.Path, "list", "--json");
            using var document = JsonDocument.Parse(result.Stdout);
            return document.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "burner").Clone();
        }, row => row.GetProperty("cpuPercent") is { ValueKind: JsonValueKind.Number } cpu && cpu.GetDouble() > 4,
            "burner's cpuPercent above 4 in `list --json`", Deadline);

        burner.GetProperty("memoryBytes").GetInt64().Should().BePositive();
        var idle = await Instances.WaitForAsync(daemon, "idle", s => s.CpuPercent is not null, "to have a cpu rate");
        idle.CpuPercent.Should().BeLessThan(1);
        idle.MemoryBytes.Should().BePositive();
        (await Instances.StatusAsync(daemon, "burner")).MemoryBytes.Should().BePositive();

        (await Svcmgr.RunAsync(home.Path, "stop", "burner")).ExitCode.Should().Be(0);
        var stopped = await Instances.WaitForStateAsync(daemon, "burner", "stopped");
        stopped.CpuPercent.Should().BeNull("a stopped instance is not sampled");
        stopped.MemoryBytes.Should().BeNull();
    }

    [Fact]
    public async Task Metrics_json_has_system_load_and_memory_and_each_running_instance()
    {
        using var home = new TestHome();
        home.WriteConfig(Config);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.WaitForStateAsync(daemon, "idle", "running");

        var metrics = await Eventually.GetAsync(async () =>
        {
            var result = await Svcmgr.RunAsync(home.Path, "metrics", "--json");
            result.ExitCode.Should().Be(0, result.ToString());
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }, m => m.GetProperty("system").ValueKind == JsonValueKind.Object
                && m.GetProperty("instances").EnumerateArray().Any(i => i.GetProperty("id").GetString() == "idle"),
            "`metrics --json` to have the system and the idle instance", Deadline);

        var system = metrics.GetProperty("system");
        system.GetProperty("memoryTotalBytes").GetInt64().Should().BePositive();
        system.GetProperty("memoryAvailableBytes").GetInt64().Should().BePositive();
        system.GetProperty("loadAverage1").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        system.GetProperty("cpuCount").GetInt32().Should().BePositive();
        metrics.GetProperty("at").GetString().Should().EndWith("Z");
        var idle = metrics.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "idle");
        idle.GetProperty("memoryBytes").GetInt64().Should().BePositive();
        idle.GetProperty("processes").GetInt32().Should().Be(1);

        var table = await Svcmgr.RunAsync(home.Path, "metrics");
        table.ExitCode.Should().Be(0, table.ToString());
        table.Stdout.Should().StartWith("system: cpu ").And.Contain("idle");
    }
}
