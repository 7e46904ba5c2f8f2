using ServiceManager.Daemon.Diagnostics;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Daemon.Tests.Diagnostics;

public sealed class OrphanRulesTests
{
    private const int Daemon = 500;

    private static ProcStat Process(int pid, int parent, int session) => new(pid, 'S', parent, session, session);

    private static string? WhyLost(ProcStat process, params ProcStat[] others) =>
        OrphanFinder.WhyLost(process, pid => others.FirstOrDefault(o => o.Pid == pid), pid => pid == Daemon);

    [Fact]
    public void A_session_leader_whose_parent_is_a_daemon_is_supervised()
    {
        WhyLost(Process(600, Daemon, 600)).Should().BeNull();
    }

    [Fact]
    public void A_grandchild_follows_its_session_leader()
    {
        var leader = Process(600, Daemon, 600);
        WhyLost(Process(601, 600, 600), leader).Should().BeNull();
        WhyLost(Process(601, 600, 600), Process(600, 1, 600)).Should().Contain("re-parented to pid 1");
    }

    [Fact]
    public void A_leader_re_parented_to_init_is_lost()
    {
        WhyLost(Process(600, 1, 600)).Should().Contain("pid 600").And.Contain("re-parented to pid 1");
    }

    [Fact]
    public void A_member_whose_session_leader_is_gone_is_lost()
    {
        WhyLost(Process(601, 1, 600)).Should().Contain("session leader (pid 600) is gone");
    }

    [Fact]
    public void A_leader_started_by_something_else_is_lost()
    {
        WhyLost(Process(700, 42, 700)).Should().Contain("child of pid 42, not of a svcmgr daemon");
    }

    [Theory]
    [InlineData(true, "/usr/local/bin/svcmgr", "daemon")]
    [InlineData(true, "svcmgr", "--config", "/etc/s.toml", "daemon")]
    [InlineData(true, "dotnet", "/opt/svcmgr/svcmgr.dll", "daemon")]
    [InlineData(true, "dotnet", "exec", "--runtimeconfig", "x.json", "/opt/svcmgr.dll", "daemon", "--socket", "/s")]
    [InlineData(true, "/usr/local/bin/svcmgr-daemon", "--socket", "/s", "daemon")]
    [InlineData(true, "dotnet", "/opt/svcmgr/svcmgr-daemon.dll", "daemon")]
    [InlineData(false, "svcmgr-daemon", "doctor")]
    [InlineData(false, "svcmgr", "list")]
    [InlineData(false, "svcmgr", "--config", "daemon.toml", "list")]
    [InlineData(false, "daemon", "svcmgr")]
    [InlineData(false, "dotnet", "testhost.dll", "daemon")]
    [InlineData(false)]
    public void Daemons_are_recognised_by_their_command_line(bool expected, params string[] argv)
    {
        SvcmgrProcess.IsDaemon(argv).Should().Be(expected);
    }
}
