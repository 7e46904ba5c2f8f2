using System.Diagnostics;
using System.Text;
using ServiceManager.Protocol.Client;

namespace ServiceManager.Mcp.Tests.Infrastructure;

/// <summary>A real <c>svcmgr daemon</c> process on a private SVCMGR_HOME; terminated (children stopped) on dispose.</summary>
internal sealed class DaemonProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();

    private DaemonProcess(string home, Process process)
    {
        SocketPath = Path.Combine(home, "svcmgr.sock");
        Process = process;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string SocketPath { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<DaemonProcess> StartAsync(string home)
    {
        var process = Process.Start(Svcmgr.StartInfo(home, ["daemon"]))!;
        process.StandardInput.Close();
        var daemon = new DaemonProcess(home, process);
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

    /// <summary>Sends SIGTERM and waits for the daemon to exit (it stops its children first).</summary>
    public async Task TerminateAsync()
    {
        if (!Process.HasExited) ServiceManager.Platform.Unix.UnixProcess.Signal(Process.Id, 15);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await Process.WaitForExitAsync(timeout.Token);
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
