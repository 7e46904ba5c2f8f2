using System.Diagnostics;
using System.Text;
using ServiceManager.Protocol.Client;

namespace ServiceManager.EndToEnd.Tests.Infrastructure;

/// <summary>A real <c>svcmgr daemon</c> process on a private SVCMGR_HOME; killed (with its children) on dispose.</summary>
internal sealed class DaemonProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();

    private DaemonProcess(string home, Process process)
    {
        Home = home;
        Process = process;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Home { get; }

    public Process Process { get; }

    public string SocketPath => Path.Combine(Home, "svcmgr.sock");

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<DaemonProcess> StartAsync(string home, params string[] extraArgs)
    {
        var process = Process.Start(Svcmgr.StartInfo(home, ["daemon", .. extraArgs]))!;
        process.StandardInput.Close();
        var daemon = new DaemonProcess(home, process);
        await Eventually.GetAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"daemon exited with {process.ExitCode}:\n{daemon.Output}");
            await using var client = await DaemonClient.ConnectAsync(daemon.SocketPath);
            return await client.PingAsync();
        }, _ => true, "the daemon to answer ping");
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
