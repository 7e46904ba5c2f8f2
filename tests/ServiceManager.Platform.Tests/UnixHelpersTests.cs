using System.Globalization;
using System.Net.Sockets;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

public sealed class UnixHelpersTests
{
    [Fact]
    public async Task Peer_credentials_name_the_connecting_process()
    {
        using var dir = new TempDir();
        var endpoint = new UnixDomainSocketEndPoint(Path.Combine(dir.Path, "s.sock"));
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(endpoint);
        listener.Listen();
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(endpoint);
        using var server = await listener.AcceptAsync();

        var (pid, uid, gid) = PeerCredentials.Get(server);

        pid.Should().Be(Environment.ProcessId);
        uid.Should().Be(StatusIds("Uid:"));
        gid.Should().Be(StatusIds("Gid:"));
    }

    [Fact]
    public void The_effective_uid_matches_proc()
    {
        UnixUser.EffectiveUid.Should().Be(StatusIds("Uid:"));
    }

    [Fact]
    public async Task Exists_and_Signal_work_on_plain_pids()
    {
        using var spawner = new UnixProcessSpawner();
        using var child = spawner.Spawn(Requests.Run("sleep", "1000"), new RecordingSink());

        UnixProcess.Exists(Environment.ProcessId).Should().BeTrue();
        UnixProcess.Exists(child.Pid).Should().BeTrue();
        UnixProcess.Signal(child.Pid, SignalNames.SIGKILL).Should().BeTrue();
        (await ChildExits.WaitAsync(child)).Signal.Should().Be(SignalNames.SIGKILL);
        UnixProcess.Exists(child.Pid).Should().BeFalse();
        UnixProcess.Signal(child.Pid, 0).Should().BeFalse();
    }

    [Fact]
    public void Pids_that_kill_would_read_as_groups_of_processes_are_refused()
    {
        UnixProcess.Exists(0).Should().BeFalse();
        UnixProcess.Exists(-1).Should().BeFalse();
        UnixProcess.Signal(0, 0).Should().BeFalse();
        UnixProcess.Signal(-1, 0).Should().BeFalse();
    }

    /// <summary>The effective id, the second column of Uid:/Gid: in /proc/self/status.</summary>
    private static int StatusIds(string key) =>
        int.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(key, StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
}
