using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ServiceManager.Platform.Tests.Cgroups;
using ServiceManager.Platform.Unix;
using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Tests.NativeSpawn;

/// <summary>
/// Many spawns at once from several threads while another thread allocates and forces compacting collections: each
/// child runs in the parent's memory until it execs, so a corrupted request, a LISTEN_PID written into the wrong
/// buffer or a child that never releases its parent would show here as wrong output or a hang.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ConcurrentSpawnTests
{
    private const int Threads = 4;
    private const int SpawnsPerThread = 40;

    [NativeSpawnFact]
    public Task Concurrent_spawns_during_garbage_collections_all_run_exactly_what_was_asked() => RunAsync(withCgroups: false);

    [NativeSpawnCgroupFact]
    public Task Concurrent_spawns_into_cgroups_during_garbage_collections_all_run_exactly_what_was_asked() => RunAsync(withCgroups: true);

    private static async Task RunAsync(bool withCgroups)
    {
        using var cgroups = withCgroups ? new TestCgroups(SpawnMethod.Clone3) : null;
        using var plain = withCgroups ? null : new UnixProcessSpawner(null, null, SpawnMethod.Clone3);
        var spawner = cgroups?.Spawner ?? plain!;
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var socket = new PassedSocket((int)listener.SafeHandle.DangerousGetHandle(), "web");

        using var stop = new CancellationTokenSource();
        var collector = Task.Run(() => Collect(stop.Token));
        var results = await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(
            () => SpawnMany(spawner, t, socket, withCgroups), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        var children = results.SelectMany(r => r).ToList();
        try
        {
            foreach (var (child, sink, expected) in children)
            {
                (await ChildExits.WaitAsync(child)).Code.Should().Be(0, sink.Text(OutputStream.Stderr));
                await Eventually.TrueAsync(() => sink.AllClosed, "stdout reaches EOF");
                var output = sink.Text(OutputStream.Stdout);
                if (expected is not null)
                {
                    output.Should().Be(expected);
                }
                else
                {
                    // "LISTEN_PID $$ LISTEN_FDS": each child saw its own pid in its own environment.
                    var words = output.Split(' ', StringSplitOptions.TrimEntries);
                    words.Should().HaveCount(3, output);
                    words[0].Should().Be(words[1]).And.Be(child.Pid.ToString(CultureInfo.InvariantCulture));
                    words[2].Should().Be("1");
                }
                if (withCgroups) child.Cgroup.Should().NotBeNull();
            }
        }
        finally
        {
            await stop.CancelAsync();
            await collector;
            foreach (var (child, _, _) in children) child.Dispose();
        }
        children.Should().HaveCount(Threads * SpawnsPerThread);
    }

    private static List<(IChildProcess Child, RecordingSink Sink, string? Expected)> SpawnMany(
        UnixProcessSpawner spawner, int thread, PassedSocket socket, bool withCgroups)
    {
        var children = new List<(IChildProcess, RecordingSink, string?)>();
        for (var i = 0; i < SpawnsPerThread; i++)
        {
            var sink = new RecordingSink();
            var token = $"t{thread}-{i}-{new string('x', (i * 37) % 200)}";
            // Every other child gets the socket and reports what it saw; the rest echo an argument of varying length.
            var request = i % 2 == 0
                ? Requests.Run("echo", token)
                : Requests.Sh("echo \"$LISTEN_PID $$ $LISTEN_FDS\"") with { Sockets = [socket] };
            if (withCgroups) request = request with { CgroupName = $"stress-{thread}" };
            children.Add((spawner.Spawn(request, sink), sink, i % 2 == 0 ? token + "\n" : null));
        }
        return children;
    }

    /// <summary>Allocates and forces compacting collections until cancelled, so objects move while children run.</summary>
    private static void Collect(CancellationToken stop)
    {
        var keep = new List<byte[]>();
        while (!stop.IsCancellationRequested)
        {
            for (var i = 0; i < 1000; i++) keep.Add(new byte[(i % 64) + 1]);
            if (keep.Count > 50_000) keep.RemoveRange(0, 25_000);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }
}
