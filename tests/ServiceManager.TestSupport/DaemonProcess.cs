using System.Diagnostics;
using System.Text;
using ServiceManager.Protocol.Client;

namespace ServiceManager.TestSupport;

/// <summary>A real <c>svcmgr daemon</c> process on a private SVCMGR_HOME; killed (with its children) on dispose.</summary>
public sealed class DaemonProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();

    private DaemonProcess(string home, string socketPath, Process process)
    {
        Home = home;
        SocketPath = socketPath;
        Process = process;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Home { get; }

    public Process Process { get; }

    /// <summary>$SVCMGR_HOME/svcmgr.sock, or the <c>--socket</c> given to <see cref="StartAsync"/>.</summary>
    public string SocketPath { get; }

    public string PidFile => Path.Combine(Home, "svcmgr.pid");

    /// <summary>The daemon's own log.</summary>
    public string LogFile => Path.Combine(Home, "daemon.log");

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static Task<DaemonProcess> StartAsync(string home, params string[] extraArgs)
    {
        var socketOption = Array.IndexOf(extraArgs, "--socket");
        var socketPath = socketOption >= 0 ? extraArgs[socketOption + 1] : Path.Combine(home, "svcmgr.sock");
        return LaunchAsync(Svcmgr.StartInfo(home, ["daemon", .. extraArgs]), home, socketPath);
    }

    /// <summary>A daemon with extra environment variables (null removes one), waited for as <see cref="StartAsync"/> does.</summary>
    public static Task<DaemonProcess> StartWithAsync(string home, IReadOnlyDictionary<string, string?> environment, params string[] extraArgs) =>
        LaunchAsync(Svcmgr.StartInfo(home, ["daemon", .. extraArgs], environment), home, Path.Combine(home, "svcmgr.sock"));

    /// <summary>Starts a daemon and returns at once, before its socket answers (a test of what happens meanwhile).</summary>
    public static DaemonProcess Launch(string home, IReadOnlyDictionary<string, string?> environment)
    {
        var process = Process.Start(Svcmgr.StartInfo(home, ["daemon"], environment))!;
        process.StandardInput.Close();
        return new DaemonProcess(home, Path.Combine(home, "svcmgr.sock"), process);
    }

    /// <summary>A daemon run from another copy of svcmgr.dll than the build output's (see <see cref="Svcmgr.StartInfo"/>).</summary>
    public static Task<DaemonProcess> StartFromAsync(string dll, string home) =>
        LaunchAsync(Svcmgr.StartInfo(home, ["daemon"], dll: dll), home, Path.Combine(home, "svcmgr.sock"));

    private static async Task<DaemonProcess> LaunchAsync(ProcessStartInfo startInfo, string home, string socketPath)
    {
        var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        var daemon = new DaemonProcess(home, socketPath, process);
        try
        {
            await Eventually.GetAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"daemon exited with {process.ExitCode}:\n{daemon.Output}");
                await using var client = await DaemonClient.ConnectAsync(daemon.SocketPath);
                return await client.PingAsync();
            }, _ => true, "the daemon to answer ping");
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }

        return daemon;
    }

    public Task<DaemonClient> ConnectAsync() => DaemonClient.ConnectAsync(SocketPath);

    /// <summary>Sends SIGTERM and waits for the daemon to exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        if (!Process.HasExited) ServiceManager.Platform.Unix.UnixProcess.Signal(Process.Id, 15);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await Process.WaitForExitAsync(timeout.Token);
        return Process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            try
            {
                await TerminateAsync();
            }
            catch (OperationCanceledException)
            {
                Process.Kill(entireProcessTree: true);
            }
        }

        Process.Dispose();
    }
}
