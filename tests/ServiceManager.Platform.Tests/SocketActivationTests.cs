using System.Net;
using System.Net.Sockets;
using System.Text;
using ServiceManager.Platform.Tests.Cgroups;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

/// <summary>
/// Sockets passed systemd-style: a real listening socket, a Python child that checks the protocol's variables against
/// its own pid and serves one connection on fd 3. On the spawn method this machine uses;
/// <see cref="PosixSpawnSocketActivationTests"/> runs the same on the fallback (posix_spawn and the pre-exec step).
/// </summary>
public class SocketActivationTests : IDisposable
{
    // Exits non-zero with a message on any mismatch; otherwise answers one connection on fd 3 and exits 0.
    private const string Child = """
        import os, socket, sys
        def check(what, ok):
            if not ok:
                print("child: " + what, file=sys.stderr, flush=True)
                sys.exit(3)
        check("LISTEN_PID=%s, pid %d" % (os.environ.get("LISTEN_PID"), os.getpid()), os.environ.get("LISTEN_PID") == str(os.getpid()))
        check("LISTEN_FDS=%s" % os.environ.get("LISTEN_FDS"), os.environ.get("LISTEN_FDS") == "2")
        check("LISTEN_FDNAMES=%s" % os.environ.get("LISTEN_FDNAMES"), os.environ.get("LISTEN_FDNAMES") == "http:admin")
        http = socket.socket(fileno=3)
        admin = socket.socket(fileno=4)
        check("fd 3 listens", http.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN) == 1)
        check("fd 4 listens", admin.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN) == 1)
        print("ready", flush=True)
        conn, _ = http.accept()
        line = conn.makefile().readline().strip()
        conn.sendall(("pong " + line + "\n").encode())
        conn.close()
        """;

    private readonly SpawnMethod _method;
    private readonly UnixProcessSpawner _spawner;
    private readonly Socket _http = Listen();
    private readonly Socket _admin = Listen();

    public SocketActivationTests() : this(UnixProcessSpawner.DefaultMethod) { }

    protected SocketActivationTests(SpawnMethod method)
    {
        _method = method;
        _spawner = new UnixProcessSpawner(null, null, method);
    }

    public void Dispose()
    {
        _spawner.Dispose();
        _http.Dispose();
        _admin.Dispose();
        GC.SuppressFinalize(this);
    }

    private SpawnRequest Request(Dictionary<string, string>? env = null) =>
        new SpawnRequest("python3", ["-c", Child], env ?? Requests.InheritedEnvironment(), Path.GetTempPath())
        {
            Sockets = [new PassedSocket(Fd(_http), "http"), new PassedSocket(Fd(_admin), "admin")],
        };

    [Fact]
    public async Task The_child_gets_the_sockets_at_3_and_4_with_LISTEN_PID_its_own_pid_and_serves_a_connection()
    {
        // Stale values (the daemon may itself have been socket-activated) are replaced, not passed on.
        var env = Requests.InheritedEnvironment();
        env["LISTEN_PID"] = "1";
        env["LISTEN_FDS"] = "7";
        env["LISTEN_FDNAMES"] = "stale";

        await ServeOneConnectionAsync(_spawner, Request(env));
    }

    [CgroupFact]
    public async Task A_child_in_a_cgroup_gets_them_too()
    {
        using var cgroups = new TestCgroups(_method);

        await ServeOneConnectionAsync(cgroups.Spawner, Request() with { CgroupName = "web-1" });
    }

    [Fact]
    public async Task The_sockets_are_the_only_descriptors_above_stderr()
    {
        var request = new SpawnRequest("sleep", ["1000"], Requests.InheritedEnvironment(), Path.GetTempPath()) { Sockets = Request().Sockets };
        using var child = _spawner.Spawn(request, new RecordingSink());
        try
        {
            // Polled: the fallback's pre-exec shell holds the same descriptors until it execs sleep, and sleep opens and
            // closes the locale archive as it starts. A leaked descriptor would stay.
            await Eventually.TrueAsync(() => NativeTestHelpers.OpenDescriptors(child.Pid).SequenceEqual([0, 1, 2, 3, 4]), "0-4 are the only descriptors");
            new FileInfo($"/proc/{child.Pid}/fd/3").LinkTarget.Should().Be(SocketLink(_http));
            new FileInfo($"/proc/{child.Pid}/fd/4").LinkTarget.Should().Be(SocketLink(_admin));
        }
        finally
        {
            child.SignalGroup(SignalNames.SIGKILL);
            await ChildExits.WaitAsync(child);
        }
    }

    [Theory]
    [InlineData("a:b", "contains ':'*")]
    [InlineData("", "must have 1 to 255 characters")]
    [InlineData("tab\there", "may hold printable ASCII characters only")]
    public void A_name_systemd_would_refuse_is_refused(string name, string problem)
    {
        var request = Requests.Run("true") with { Sockets = [new PassedSocket(Fd(_http), name)] };

        var act = () => _spawner.Spawn(request, new RecordingSink());

        act.Should().Throw<SpawnException>().WithMessage($"cannot start 'true': socket name '{name}' {problem}");
    }

    private async Task ServeOneConnectionAsync(UnixProcessSpawner spawner, SpawnRequest request)
    {
        var sink = new RecordingSink();
        using var child = spawner.Spawn(request, sink);
        await Eventually.TrueAsync(() => sink.Text(OutputStream.Stdout).Contains("ready", StringComparison.Ordinal) || child.Exited.IsCompleted, "the child checked its environment");
        child.Exited.IsCompleted.Should().BeFalse("the child failed: {0}", sink.Text(OutputStream.Stderr));

        using var client = new TcpClient();
        await client.ConnectAsync((IPEndPoint)_http.LocalEndPoint!).WaitAsync(Eventually.DefaultTimeout);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("ping\n"));
        using var reader = new StreamReader(stream);
        (await reader.ReadLineAsync().WaitAsync(Eventually.DefaultTimeout)).Should().Be("pong ping");

        (await ChildExits.WaitAsync(child)).Code.Should().Be(0, sink.Text(OutputStream.Stderr));
    }

    private static Socket Listen()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen();
        return socket;
    }

    private static int Fd(Socket socket) => (int)socket.SafeHandle.DangerousGetHandle();

    private static string SocketLink(Socket socket) =>
        new FileInfo($"/proc/self/fd/{Fd(socket)}").LinkTarget!;
}

/// <summary><see cref="SocketActivationTests"/> on the fallback: posix_spawn file actions and <c>LISTEN_PID=$$</c> in a pre-exec step.</summary>
public sealed class PosixSpawnSocketActivationTests() : SocketActivationTests(SpawnMethod.PosixSpawn);
