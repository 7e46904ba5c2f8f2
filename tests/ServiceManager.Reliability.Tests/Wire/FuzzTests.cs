using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ServiceManager.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ServiceManager.Reliability.Tests.Wire;

/// <summary>
/// Thousands of hostile lines on the socket, then clients that write and never read: every line gets a JSON reply
/// or none, no connection is dropped for what it sent, and afterwards the daemon answers ping and its memory is
/// bounded. The seed is printed; RELIABILITY_FUZZ_SEED replays a run.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : DaemonFixture
{
    private const int Inputs = 4000;
    private const int Connections = 8;
    private const int Silent = 100;

    public override Task InitializeAsync()
    {
        Home.WriteConfig("""
            [instances.talker]
            start_command = ["sh", "-c", "while :; do echo talk; sleep 0.2; done"]
            auto_start = true

            [instances.quiet]
            start_command = "sleep 1000"
            auto_start = true
            """);
        return StartDaemonAsync();
    }

    private static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();

    [Fact]
    public async Task Thousands_of_hostile_lines_and_clients_that_never_read_leave_a_daemon_that_answers_with_bounded_memory()
    {
        var seed = Seed;
        output.WriteLine($"seed {seed} (RELIABILITY_FUZZ_SEED={seed} replays this run)");
        var pid = Daemon.Process.Id;
        var pingBefore = await PingMillisecondsAsync();
        var start = ProcessVitals.Read(pid);
        var socketsBefore = SocketCount(pid);

        // Several connections at once, each with its own stream of inputs derived from the seed.
        var kinds = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, Connections).Select(c => SendAsync(seed + c, Inputs / Connections, kinds)).ToList();
        await Task.WhenAll(tasks);
        output.WriteLine($"fuzz took {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"{Inputs} inputs: {string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Value} {k.Key}"))}");
        var afterFuzz = ProcessVitals.Read(pid);

        // Clients that write requests until their socket is full and never read a byte of the replies.
        var silent = new List<Socket>();
        try
        {
            silent.AddRange(await Task.WhenAll(Enumerable.Range(0, Silent).Select(_ => FillWithoutReadingAsync())));
            var peak = ProcessVitals.Read(pid);
            var pingMeanwhile = await PingMillisecondsAsync();
            output.WriteLine($"with {Silent} clients that never read ({clock.Elapsed.TotalSeconds:F1} s): {peak}; ping {pingMeanwhile:F1} ms");
            peak.RssKb.Should().BeLessThan(start.RssKb + 256 * 1024, "clients that never read cost the daemon bounded memory");
        }
        finally
        {
            foreach (var socket in silent)
            {
                try { socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
                socket.Close(0);
            }
        }

        // Sockets, not all fds: the runtime maps assemblies and symbol files lazily, which opens files as it goes.
        var sockets = await Eventually.GetAsync(() => Task.FromResult(SocketCount(pid)), n => n <= socketsBefore, $"the silent clients' connections to be closed (sockets before: {socketsBefore})", TimeSpan.FromSeconds(45));
        var end = ProcessVitals.Read(pid);
        var pingAfter = await PingMillisecondsAsync();
        output.WriteLine($"before: {start}; ping {pingBefore:F1} ms");
        output.WriteLine($"after the fuzz: {afterFuzz}; after the silent clients left: {end} ({sockets} sockets); ping {pingAfter:F1} ms");
        end.RssKb.Should().BeLessThan(start.RssKb + 128 * 1024, "memory is bounded");
        (await Instances.ListAsync(Daemon)).Should().OnlyContain(s => s.State == "running" && s.Restarts == 0, "no input changed an instance");
        Daemon.Process.HasExited.Should().BeFalse();
    }

    /// <summary>Sends the inputs one by one, each followed by a ping whose reply proves the connection still works.</summary>
    private async Task SendAsync(int seed, int count, Dictionary<string, int> kinds)
    {
        var inputs = new FuzzInputs(seed);
        using var connection = await RawConnection.ConnectAsync(Daemon.SocketPath);
        for (var i = 0; i < count; i++)
        {
            var (kind, line) = inputs.Next();
            lock (kinds) kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            var sync = "{\"jsonrpc\":\"2.0\",\"id\":\"sync-" + i.ToString(CultureInfo.InvariantCulture) + "\",\"method\":\"ping\",\"params\":{}}";
            var bytes = new byte[line.Length + sync.Length + 2];
            line.CopyTo(bytes, 0);
            bytes[line.Length] = (byte)'\n';
            Encoding.UTF8.GetBytes(sync, 0, sync.Length, bytes, line.Length + 1);
            bytes[^1] = (byte)'\n';
            var sending = connection.SendAsync(bytes);
            while (true)
            {
                string? reply;
                try
                {
                    reply = await connection.ReadLineAsync();
                }
                catch (OperationCanceledException ex)
                {
                    throw new TimeoutException($"no reply within 30 s after input {i} of seed {seed} ({kind}): {Show(line)}", ex);
                }

                if (reply is null) throw new InvalidOperationException($"the daemon closed the connection after input {i} of seed {seed} ({kind}): {Show(line)}");
                JsonElement root;
                try
                {
                    using var document = JsonDocument.Parse(reply);
                    root = document.RootElement.Clone();
                }
                catch (JsonException ex)
                {
                    throw new InvalidOperationException($"a reply that is not JSON after input {i} of seed {seed} ({kind}): {reply[..Math.Min(200, reply.Length)]}", ex);
                }

                if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == $"sync-{i}") break;
            }

            await sending;
        }
    }

    private static int SocketCount(int pid) => Directory.GetFiles($"/proc/{pid}/fd").Count(f =>
    {
        try { return new FileInfo(f).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true; }
        catch (IOException) { return false; }
    });

    private static string Show(byte[] line) =>
        line.Length > 300 ? $"{line.Length} bytes starting {Convert.ToHexString(line, 0, 100)}" : Convert.ToHexString(line);

    /// <summary>A connection that sends pings until the kernel stops taking them (both buffers full), then goes quiet.</summary>
    private async Task<Socket> FillWithoutReadingAsync()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Daemon.SocketPath));
        socket.Blocking = false;
        var batch = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("""{"jsonrpc":"2.0","id":1,"method":"list","params":{}}""" + "\n", 100)));
        var stalled = Stopwatch.StartNew();
        var offset = 0;
        while (stalled.Elapsed < TimeSpan.FromMilliseconds(500))
        {
            try
            {
                var sent = socket.Send(batch, offset, batch.Length - offset, SocketFlags.None);
                offset = (offset + sent) % batch.Length;
                if (sent > 0) stalled.Restart();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
            {
                await Task.Delay(20);
            }
            catch (SocketException)
            {
                break; // the daemon closed it: fine too
            }
        }

        return socket;
    }

    private async Task<double> PingMillisecondsAsync()
    {
        await using var client = await Daemon.ConnectAsync();
        await client.PingAsync();
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            await client.PingAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
