using System.Globalization;
using System.Text.Json;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.EndToEnd.Tests.Fleet;

/// <summary>The daemon is SIGKILLed in the middle of a flood of changes: state.json still parses and the next daemon starts from it.</summary>
public sealed class StateFileCrashTests : IDisposable
{
    private readonly TestHome _home = new();

    public StateFileCrashTests()
    {
        var first = FreePorts.Block(60);
        _home.WriteConfig($"""
            [templates.worker]
            start_command = "sleep 1000"
            port_range = [{first}, {first + 59}]
            """);
    }

    public void Dispose()
    {
        InstanceProcesses.KillAll(_home.Path);
        _home.Dispose();
    }

    // Each round also checks that no instance runs twice afterwards: a child spawned in the killed daemon's last
    // instant must be found by orphan recovery even when the state file never named it.
    [Fact]
    public async Task A_crash_during_a_flood_of_changes_leaves_a_state_file_that_loads_and_one_copy_of_each_instance()
    {
        var statePath = Path.Combine(_home.Path, "state.json");
        for (var round = 0; round < 3; round++)
        {
            var daemon = await DaemonProcess.StartAsync(_home.Path);
            try
            {
                Volatile.Write(ref _changes, 0);
                using var flood = new CancellationTokenSource();
                var workers = Enumerable.Range(0, 4).Select(w => FloodAsync(daemon, w, flood.Token)).ToList();
                // Somewhere in the middle of it, at a different point each round.
                var killAfter = Random.Shared.Next(20, 80);
                await Eventually.TrueAsync(() => Changes >= killAfter, "the flood to get going");
                UnixProcess.Signal(daemon.Process.Id, 9).Should().BeTrue();
                await daemon.Process.WaitForExitAsync();
                await flood.CancelAsync();
                await Task.WhenAll(workers);
            }
            finally
            {
                await daemon.DisposeAsync();
            }

            using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(statePath));
            document.RootElement.GetProperty("version").GetInt32().Should().Be(1);
            var recorded = document.RootElement.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
            Directory.GetFiles(_home.Path, "state.json.unreadable-*").Should().BeEmpty("the file was never torn");

            await using var next = await DaemonProcess.StartAsync(_home.Path);
            var restored = await Instances.ListAsync(next);
            restored.Select(s => s.Id).Should().BeEquivalentTo(recorded, "the next daemon restores exactly what the file holds");
            foreach (var s in restored.Where(s => s.State == "running"))
                InstanceProcesses.Copies(_home.Path, s.Id).Should().Equal([s.Pid!.Value], $"one copy of {s.Id}");
            (await next.TerminateAsync()).Should().Be(0);
        }

        InstanceProcesses.All(_home.Path).Should().BeEmpty();
    }

    private int _changes;

    private int Changes => Volatile.Read(ref _changes);

    /// <summary>create, stop, start, remove in a loop until the daemon dies or the flood is called off.</summary>
    private async Task FloodAsync(DaemonProcess daemon, int worker, CancellationToken stop)
    {
        try
        {
            await using var client = await daemon.ConnectAsync();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"w{worker}-{i % 6}");
                try
                {
                    await client.CreateAsync(new CreateParams("worker", id, Start: true), stop);
                }
                catch (RpcErrorException)
                {
                    // Still there from an earlier lap or round: flip it instead.
                }

                await client.StopAsync(new TargetParams([id]), stop);
                await client.StartAsync(new TargetParams([id]), stop);
                if (i % 3 == 0) await client.RemoveAsync([id], stop);
                Interlocked.Add(ref _changes, 4);
            }
        }
        catch (Exception ex) when (ex is DaemonUnreachableException or IOException or OperationCanceledException or RpcErrorException or ObjectDisposedException)
        {
            // The daemon was killed under us: that is the point.
        }
    }
}
