using System.Globalization;
using System.Text.Json;

namespace ServiceManager.EndToEnd.Tests.Cli;

/// <summary><c>list</c>, <c>status</c> and <c>templates</c> against a real daemon.</summary>
public sealed class ListAndStatusTests
{
    private const string Config = """
        [templates.web]
        display_name = "Web"
        start_command = "sleep 1000"
        default_port = 8100

        [templates.db]
        start_command = "sleep 1000"
        port_range = [8200, 8210]
        supports_multiple = false

        [instances.web-1]
        template = "web"
        auto_start = true
        tags = ["primary", "frontend"]

        [instances.worker]
        start_command = "sleep 1000"
        auto_start = true
        port = 9301
        tags = ["backend"]

        [instances.idle]
        start_command = "sleep 1000"
        tags = ["backend"]
        """;

    private static async Task<DaemonProcess> StartAsync(TestHome home)
    {
        home.WriteConfig(Config);
        var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.WaitForStateAsync(daemon, "web-1", "running");
        await Instances.WaitForStateAsync(daemon, "worker", "running");
        return daemon;
    }

    [Fact]
    public async Task List_prints_a_table_with_aligned_columns_and_one_row_per_instance()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);
        var instances = await Instances.ListAsync(daemon);

        var result = await Svcmgr.RunAsync(home.Path, "list");

        result.ExitCode.Should().Be(0, result.ToString());
        var table = TextTable.Parse(result.Stdout);
        table.Headers.Should().Equal("ID", "NAME", "TEMPLATE", "STATE", "HEALTH", "PID", "PORT", "CPU", "MEMORY", "UPTIME", "RESTARTS");
        table.Rows.Select(r => r["NAME"]).Should().BeEquivalentTo("web-1", "worker", "idle");

        var web = table.Row("NAME", "web-1");
        var webSummary = instances.Single(i => i.Id == "web-1");
        web["ID"].Should().Be(webSummary.NumericId.ToString(CultureInfo.InvariantCulture));
        web["TEMPLATE"].Should().Be("web");
        web["STATE"].Should().Be("running");
        web["HEALTH"].Should().Be("unknown");
        web["PID"].Should().Be(webSummary.Pid!.Value.ToString(CultureInfo.InvariantCulture));
        web["PORT"].Should().Be("8100");
        web["UPTIME"].Should().MatchRegex("^[0-9]+[smhd]");
        web["RESTARTS"].Should().Be("0");

        var worker = table.Row("NAME", "worker");
        worker["TEMPLATE"].Should().Be("-");
        worker["PORT"].Should().Be("9301");

        var idle = table.Row("NAME", "idle");
        idle["STATE"].Should().Be("stopped");
        idle["PID"].Should().Be("-");
        idle["PORT"].Should().Be("-");
        idle["UPTIME"].Should().Be("-");
    }

    [Fact]
    public async Task List_json_has_id_numeric_id_state_pid_and_port_of_every_instance()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);

        var result = await Svcmgr.RunAsync(home.Path, "list", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var rows = document.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        rows.Keys.Should().BeEquivalentTo("web-1", "worker", "idle");
        rows.Values.Select(r => r.GetProperty("numericId").GetInt32()).Should().OnlyHaveUniqueItems().And.OnlyContain(n => n > 0);

        var web = rows["web-1"];
        web.GetProperty("state").GetString().Should().Be("running");
        web.GetProperty("port").GetInt32().Should().Be(8100);
        web.GetProperty("template").GetString().Should().Be("web");
        var pid = web.GetProperty("pid").GetInt32();
        Processes.IsAlive(pid).Should().BeTrue("list reports the pid of the live child");
        File.ReadAllText($"/proc/{pid}/cmdline").Should().StartWith("sleep\u00001000");

        rows["worker"].GetProperty("port").GetInt32().Should().Be(9301);
        var idle = rows["idle"];
        idle.GetProperty("state").GetString().Should().Be("stopped");
        idle.GetProperty("pid").ValueKind.Should().Be(JsonValueKind.Null);
        idle.GetProperty("port").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task List_filters_by_template_tag_and_status()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);

        async Task<IReadOnlyList<string>> Ids(params string[] filter)
        {
            var result = await Svcmgr.RunAsync(home.Path, ["list", "--json", .. filter]);
            result.ExitCode.Should().Be(0, result.ToString());
            using var document = JsonDocument.Parse(result.Stdout);
            return [.. document.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];
        }

        (await Ids("--template", "web")).Should().Equal("web-1");
        (await Ids("--tag", "backend")).Should().BeEquivalentTo("worker", "idle");
        (await Ids("--tag", "primary")).Should().Equal("web-1");
        (await Ids("--status", "running")).Should().BeEquivalentTo("web-1", "worker");
        (await Ids("--status", "stopped", "--tag", "backend")).Should().Equal("idle");
        (await Ids("--template", "db")).Should().BeEmpty();
    }

    [Fact]
    public async Task Status_resolves_an_id_a_numeric_id_and_a_port_and_shows_the_transitions()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);
        var worker = await Instances.GetAsync(daemon, "worker");
        var numeric = worker.NumericId.ToString(CultureInfo.InvariantCulture);

        var byId = await Svcmgr.RunAsync(home.Path, "status", "worker");
        var byNumber = await Svcmgr.RunAsync(home.Path, "status", numeric);
        var byPort = await Svcmgr.RunAsync(home.Path, "status", ":9301");
        var web = await Svcmgr.RunAsync(home.Path, "status", ":8100");

        foreach (var result in new[] { byId, byNumber, byPort })
        {
            result.ExitCode.Should().Be(0, result.ToString());
            result.Stdout.Should().Contain($"worker (#{numeric})");
            result.Stdout.Should().MatchRegex(@"(?m)^state:\s+running$");
            result.Stdout.Should().MatchRegex($@"(?m)^pid:\s+{worker.Pid}$");
            result.Stdout.Should().MatchRegex(@"(?m)^port:\s+9301$");
            result.Stdout.Should().Contain("transitions:");
            result.Stdout.Should().MatchRegex(@"(?m)^\s+\S+Z\s+stopped -> starting\s+\S");
            result.Stdout.Should().MatchRegex($@"(?m)^\s+\S+Z\s+starting -> running\s+.*{worker.Pid}");
        }

        web.ExitCode.Should().Be(0, web.ToString());
        web.Stdout.Should().Contain("web-1 (#");
    }

    [Fact]
    public async Task Status_of_an_unknown_instance_exits_4_naming_the_known_ones()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);

        var result = await Svcmgr.RunAsync(home.Path, "status", "nosuch");

        result.ExitCode.Should().Be(4, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("nosuch").And.Contain("web-1").And.Contain("worker").And.Contain("idle");
        (await Svcmgr.RunAsync(home.Path, "status", ":9999")).ExitCode.Should().Be(4, "no instance has port 9999");
        (await Svcmgr.RunAsync(home.Path, "status", "99")).ExitCode.Should().Be(4, "no instance has numeric id 99");
    }

    [Fact]
    public async Task Templates_lists_every_template_with_its_instances()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);

        var result = await Svcmgr.RunAsync(home.Path, "templates");
        var json = await Svcmgr.RunAsync(home.Path, "templates", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        var table = TextTable.Parse(result.Stdout);
        table.Rows.Select(r => r["TEMPLATE"]).Should().BeEquivalentTo("web", "db");
        table.Row("TEMPLATE", "web")["INSTANCES"].Should().Be("web-1");
        table.Row("TEMPLATE", "web")["PORT"].Should().Be("8100");
        table.Row("TEMPLATE", "db")["MULTIPLE"].Should().Be("no");

        json.ExitCode.Should().Be(0, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        var templates = document.RootElement.EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        templates.Keys.Should().BeEquivalentTo("web", "db");
        templates["web"].GetProperty("displayName").GetString().Should().Be("Web");
        templates["db"].GetProperty("supportsMultiple").GetBoolean().Should().BeFalse();
    }
}
