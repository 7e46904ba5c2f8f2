using System.Globalization;
using ServiceManager.Config.Model;
using ServiceManager.Supervision.Tests.Support;
using static ServiceManager.Supervision.Tests.Support.FleetHarness;

namespace ServiceManager.Supervision.Tests;

/// <summary>
/// The one resolver of names beyond ids: a bare number (numeric id, then port), a port no instance is configured on
/// (its listener), <c>pid:N</c> (the child, a descendant in its group, one that left it), <c>all</c>, and ambiguity.
/// </summary>
public sealed class NameResolutionTests
{
    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_bare_number_is_a_numeric_id_first_and_a_port_when_no_instance_has_that_number()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("a", port: 18101), Defs.Sleeper("b", port: 1)));

        h.Fleet.Resolve("1").Id.Should().Be("a", "1 is a's numeric id, though it is b's port");
        h.Fleet.Resolve("18101").Id.Should().Be("a");
        h.Fleet.Resolve(":1").Id.Should().Be("b", ":PORT is always a port");
        h.Fleet.TryResolve("18109", out _).Should().BeFalse();
    }

    [Fact]
    public async Task A_port_two_instances_have_is_ambiguous_and_nothing_is_done()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("x", port: 18102), Defs.Sleeper("y", port: 18102)));

        var resolve = () => h.Fleet.Resolve(":18102");
        var start = () => h.Fleet.StartAsync(["x", "18102"]);

        resolve.Should().Throw<AmbiguousNameException>().Which.Candidates.Should().Equal("x", "y");
        (await start.Should().ThrowAsync<AmbiguousNameException>()).Which.Message.Should()
            .Be("'18102' is ambiguous: it fits x, y; use one of their ids");
        h.Fleet.TryResolve("18102", out _).Should().BeFalse();
        h.Fleet.List().Should().OnlyContain(s => s.State == InstanceState.Stopped, "one bad name and nothing is started");
    }

    [Fact]
    public async Task A_pid_names_the_instance_of_its_child_a_descendant_in_its_group_and_one_that_left_it()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(
            Defs.Shell("tree", $"sleep 1000 & echo $! > '{h.File("grouped")}'; setsid sleep 1001 & echo $! > '{h.File("escaped")}'; wait", autoStart: true),
            Defs.Sleeper("other", autoStart: true)));
        var child = h.Get("tree").Pid!.Value;
        var grouped = await ReadPidAsync(h.File("grouped"));
        var escaped = await ReadPidAsync(h.File("escaped"));
        await Eventually.TrueAsync(() => File.ReadAllText($"/proc/{Text(escaped)}/cmdline").StartsWith("sleep", StringComparison.Ordinal), "setsid to exec sleep");

        h.Fleet.Resolve("pid:" + Text(child)).Id.Should().Be("tree");
        h.Fleet.Resolve("pid:" + Text(grouped)).Id.Should().Be("tree", "it is in the child's process group");
        h.Fleet.Resolve("pid:" + Text(escaped)).Id.Should().Be("tree", "it left the group, but the child is its parent");
        h.Fleet.Resolve("pid:" + Text(h.Get("other").Pid!.Value)).Id.Should().Be("other");
        var stranger = () => h.Fleet.Resolve("pid:" + Text(Environment.ProcessId));
        stranger.Should().Throw<UnknownInstanceException>("the test host is nobody's descendant");
        h.Fleet.TryResolve("pid:x", out _).Should().BeFalse();
    }

    [Fact]
    public async Task A_port_no_instance_is_configured_on_names_the_instance_whose_process_listens_on_it()
    {
        await using var h = new FleetHarness();
        const string Listen = "import socket, sys, time\n" +
                              "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n" +
                              "open(sys.argv[1], 'w').write(str(s.getsockname()[1]) + '\\n')\n" +
                              "time.sleep(1000)";
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Command("listener", ["python3", "-c", Listen, h.File("port")], autoStart: true), Defs.Sleeper("quiet")));
        var port = await ReadPidAsync(h.File("port"));

        h.Fleet.Resolve(Text(port)).Id.Should().Be("listener");
        h.Fleet.Resolve(":" + Text(port)).Id.Should().Be("listener");
    }

    [Fact]
    public async Task All_alone_is_every_instance_unless_an_instance_is_called_all()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("a"), Defs.Sleeper("b")));

        h.Fleet.NamesEveryInstance(["all"]).Should().BeTrue();
        h.Fleet.NamesEveryInstance(["all", "a"]).Should().BeFalse("with other names it is a name like any other");
        h.Fleet.NamesEveryInstance(["a"]).Should().BeFalse();

        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("a"), Defs.Sleeper("b"), Defs.Sleeper("all")));
        var ambiguous = () => h.Fleet.NamesEveryInstance(["all"]);
        ambiguous.Should().Throw<AmbiguousNameException>().Which.Candidates.Should().Equal("all", "every instance");
        h.Fleet.Resolve("all").Id.Should().Be("all", "as a name, it is the instance's id");
    }

    private static async Task<int> ReadPidAsync(string path)
    {
        string? text = null;
        await Eventually.TrueAsync(() => File.Exists(path) && (text = File.ReadAllText(path)).EndsWith('\n'), $"a number in {path}");
        return int.Parse(text!.Trim(), CultureInfo.InvariantCulture);
    }
}
