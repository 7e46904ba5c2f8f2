using System.Net;
using ServiceManager.Daemon.Diagnostics;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Tests.Diagnostics;

public sealed class PortReportTests
{
    // Instance group 100: its leader 100 and a worker 101; 200 is somebody else.
    private static readonly Dictionary<int, ProcStat> Processes = new()
    {
        [100] = new ProcStat(100, 'S', 1, 100, 100),
        [101] = new ProcStat(101, 'S', 100, 100, 100),
        [200] = new ProcStat(200, 'S', 1, 200, 200),
    };

    private static ListeningSocket Listener(int port, int? pid, string address = "127.0.0.1") =>
        new(port, IPAddress.Parse(address), 1000 + port, 0, pid, pid is null ? null : $"cmd {pid}");

    private static PortInfo Row(PortClaim claim, params ListeningSocket[] sockets) =>
        PortReport.Build([claim], sockets, pid => Processes.GetValueOrDefault(pid)).Single();

    [Fact]
    public void The_instance_itself_or_a_member_of_its_group_listening_is_no_conflict()
    {
        Row(new PortClaim(8000, "web", "running", 100), Listener(8000, 100))
            .Should().Be(new PortInfo(8000, "web", "running", true, 100, "cmd 100", false));
        Row(new PortClaim(8000, "web", "running", 100), Listener(8000, 101)).Conflict.Should().BeFalse();
    }

    [Fact]
    public void A_listener_that_left_the_group_is_the_instances_when_it_is_in_the_instances_cgroup()
    {
        // 200 called setsid(): another group and session, but still in web's cgroup.
        var claim = new PortClaim(8000, "web", "running", 100, "/cg/svcmgr-x/web@1");
        string? CgroupOf(int pid) => pid == 200 ? "/cg/svcmgr-x/web@1" : "/cg";

        PortReport.Build([claim], [Listener(8000, 200)], pid => Processes.GetValueOrDefault(pid), CgroupOf).Single().Conflict.Should().BeFalse();
        Row(claim with { Cgroup = null }, Listener(8000, 200)).Conflict.Should().BeTrue("without a cgroup it is outside the instance");
        PortReport.Build([claim with { Cgroup = "/cg/svcmgr-x/api@1" }], [Listener(8000, 200)], pid => Processes.GetValueOrDefault(pid), CgroupOf)
            .Single().Conflict.Should().BeTrue("another instance's cgroup");
    }

    [Fact]
    public void Nobody_listening_is_no_conflict()
    {
        Row(new PortClaim(8000, "web", "stopped", null), Listener(8001, 200))
            .Should().Be(new PortInfo(8000, "web", "stopped", false, null, null, false));
    }

    [Fact]
    public void A_foreign_listener_is_a_conflict_and_is_the_one_shown()
    {
        Row(new PortClaim(8000, "web", "running", 100), Listener(8000, 100), Listener(8000, 200, "::"))
            .Should().Be(new PortInfo(8000, "web", "running", true, 200, "cmd 200", true));
    }

    [Fact]
    public void Any_listener_of_a_stopped_instance_or_an_unseen_process_is_a_conflict()
    {
        Row(new PortClaim(8000, "web", "stopped", null), Listener(8000, 101)).Conflict.Should().BeTrue();
        Row(new PortClaim(8000, "web", "running", 100), Listener(8000, null)).Conflict.Should().BeTrue();
    }

    [Fact]
    public void Rows_come_by_port()
    {
        PortReport.Build([new PortClaim(9000, "b", "stopped", null), new PortClaim(8000, "a", "stopped", null)], [], _ => null)
            .Select(r => r.Port).Should().Equal(8000, 9000);
    }
}
