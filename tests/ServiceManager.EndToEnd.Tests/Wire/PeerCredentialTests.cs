using System.Diagnostics;

namespace ServiceManager.EndToEnd.Tests.Wire;

/// <summary>A client of another uid gets nothing: the 0700 directory stops it, and so does SO_PEERCRED where it does not.</summary>
public sealed class PeerCredentialTests
{
    /// <summary>Connects to argv[1], sends a ping and prints what happened on one line.</summary>
    private const string Client = """
        import errno, socket, sys
        def name(e):
            return errno.errorcode.get(e.errno, str(e.errno)) if e.errno else type(e).__name__
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(20)
        try:
            s.connect(sys.argv[1])
        except socket.timeout:
            print("TIMEOUT"); sys.exit(0)
        except OSError as e:
            print("CONNECT-ERROR:" + name(e)); sys.exit(0)
        data = b""
        try:
            s.sendall(b'{"jsonrpc":"2.0","id":1,"method":"ping","params":{}}\n')
            while not data.endswith(b"\n"):
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        except socket.timeout:
            print("TIMEOUT"); sys.exit(0)
        except OSError as e:
            print("NOREPLY:" + name(e)); sys.exit(0)
        print("REPLY:" + data.decode().strip() if data else "NOREPLY:EOF")
        """;

    private static async Task<string> ConnectAsync(string socketPath, bool asNobody)
    {
        var info = new ProcessStartInfo(asNobody ? RootWithSetprivFactAttribute.Setpriv : RootWithSetprivFactAttribute.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        if (asNobody)
        {
            foreach (var arg in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", RootWithSetprivFactAttribute.Python })
                info.ArgumentList.Add(arg);
        }

        foreach (var arg in new[] { "-I", "-c", Client, socketPath }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var output = (await stdout).Trim();
        process.ExitCode.Should().Be(0, $"the python client ran; stdout: {output}; stderr: {await stderr}");
        return output;
    }

    [RootWithSetprivFact]
    public async Task Another_uid_cannot_even_connect_to_the_socket_in_its_private_directory()
    {
        using var home = new TestHome();
        await using var daemon = await DaemonProcess.StartAsync(home.Path);

        var nobody = await ConnectAsync(daemon.SocketPath, asNobody: true);
        var owner = await ConnectAsync(daemon.SocketPath, asNobody: false);

        nobody.Should().Be("CONNECT-ERROR:EACCES");
        owner.Should().StartWith("REPLY:").And.Contain("\"pid\":" + daemon.Process.Id, "the same client as the daemon's uid is answered");
    }

    [RootWithSetprivFact]
    public async Task A_peer_of_another_uid_is_refused_even_when_the_socket_file_lets_it_connect()
    {
        using var home = new TestHome();
        var open = Directory.CreateTempSubdirectory("svs-");
        try
        {
            File.SetUnixFileMode(open.FullName, (UnixFileMode)0b111_111_111);
            var socket = Path.Combine(open.FullName, "s.sock");
            await using var daemon = await DaemonProcess.StartAsync(home.Path, "--socket", socket);
            // Defeat the file permissions on purpose, to reach the daemon's own peer-uid check.
            File.SetUnixFileMode(socket, (UnixFileMode)0b110_110_110);

            var nobody = await ConnectAsync(socket, asNobody: true);
            var owner = await ConnectAsync(socket, asNobody: false);

            nobody.Should().BeOneOf(["NOREPLY:EOF", "NOREPLY:ECONNRESET", "NOREPLY:EPIPE"], "the daemon closes a connection from another uid without answering");
            owner.Should().StartWith("REPLY:").And.Contain("\"pid\":" + daemon.Process.Id);
            await Eventually.TrueAsync(
                () => File.Exists(daemon.LogFile) && File.ReadAllText(daemon.LogFile).Contains("refused a client of uid 65534", StringComparison.Ordinal),
                "the refusal in daemon.log");
            await using var client = await daemon.ConnectAsync();
            (await client.PingAsync()).Pid.Should().Be(daemon.Process.Id);
        }
        finally
        {
            open.Delete(recursive: true);
        }
    }
}
