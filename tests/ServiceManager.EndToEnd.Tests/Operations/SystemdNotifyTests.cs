using ServiceManager.Protocol.Client;

namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary>The daemon under <c>Type=notify</c>: <c>READY=1</c> once its socket answers, <c>STOPPING=1</c> when it is
/// told to stop, and children that never see systemd's socket.</summary>
public sealed class SystemdNotifyTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose()
    {
        InstanceProcesses.KillAll(_home.Path);
        _home.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Daemon_says_READY_once_its_socket_answers_and_STOPPING_when_terminated(bool abstractName)
    {
        _home.WriteConfig("""
            [instances.env-dump]
            start_command = ["/bin/sh", "-c", "env; echo done-dumping; exec sleep 1000"]
            auto_start = true
            """);
        using var listener = new NotifyListener(_home.Path, abstractName);
        await using var daemon = DaemonProcess.Launch(_home.Path, new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = listener.Address });

        (await listener.ReceiveAsync()).Should().Be("READY=1");

        // No retry: READY=1 promises a client is served now, with the fleet restored.
        await using (var client = await DaemonClient.ConnectAsync(daemon.SocketPath))
        {
            var instances = await client.ListAsync(new ServiceManager.Protocol.Messages.ListParams());
            instances.Select(i => i.Id).Should().Equal("env-dump");
        }

        var log = await Eventually.GetAsync(
            async () => (await Svcmgr.RunAsync(_home.Path, "logs", "env-dump", "-n", "200")).Stdout,
            text => text.Contains("done-dumping", StringComparison.Ordinal), "the child to print its environment");
        log.Should().Contain("SVCMGR_INSTANCE=env-dump").And.NotContain("NOTIFY_SOCKET");

        ServiceManager.Platform.Unix.UnixProcess.Signal(daemon.Process.Id, 15);
        (await listener.ReceiveAsync()).Should().Be("STOPPING=1");
        (await daemon.TerminateAsync()).Should().Be(0, daemon.Output);
    }

    [Fact]
    public async Task Daemon_without_a_listener_on_NOTIFY_SOCKET_runs_as_usual()
    {
        await using var daemon = await DaemonProcess.StartWithAsync(
            _home.Path, new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = Path.Combine(_home.Path, "nobody.sock") });

        await using var client = await daemon.ConnectAsync();
        (await client.PingAsync()).Pid.Should().Be(daemon.Process.Id);
        (await daemon.TerminateAsync()).Should().Be(0, daemon.Output);
    }
}
