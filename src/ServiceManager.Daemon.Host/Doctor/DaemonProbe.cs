using System.Net.Sockets;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;
using ServiceManager.Text;

namespace ServiceManager.Daemon.Host.Doctor;

/// <summary>One attempt to reach the daemon: connected and answering, refused, absent, or connected but silent.</summary>
internal sealed class DaemonProbe : IAsyncDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

    private DaemonProbe(DaemonClient? client, PingResult? ping, string? error, SocketError? socketError)
    {
        Client = client;
        Ping = ping;
        Error = error;
        SocketError = socketError;
    }

    /// <summary>Open when the daemon answered ping; the caller asks it for its own checks.</summary>
    public DaemonClient? Client { get; }

    public PingResult? Ping { get; }

    /// <summary>Why it is not reachable; null when it answered.</summary>
    public string? Error { get; }

    /// <summary>The connect error, when the connect itself failed (refused: a stale socket file).</summary>
    public SocketError? SocketError { get; }

    /// <summary>Connected, but no answer to ping in time: hung, or not a svcmgr daemon.</summary>
    public bool Silent => Client is null && SocketError is null && Error is not null;

    public static async Task<DaemonProbe> RunAsync(string socketPath, CancellationToken ct)
    {
        DaemonClient client;
        try
        {
            client = await DaemonClient.ConnectAsync(socketPath, ct);
        }
        catch (DaemonUnreachableException ex)
        {
            var socketError = (ex.InnerException as SocketException)?.SocketErrorCode ?? System.Net.Sockets.SocketError.SocketError;
            return new DaemonProbe(null, null, ex.InnerException?.Message ?? ex.Message, socketError);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(AnswerTimeout);
            var ping = await client.PingAsync(timeout.Token);
            return new DaemonProbe(client, ping, null, null);
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcErrorException or DaemonUnreachableException or IOException or System.Text.Json.JsonException)
        {
            await client.DisposeAsync();
            ct.ThrowIfCancellationRequested();
            var why = ex is OperationCanceledException ? $"no answer to ping within {HumanText.Delay(AnswerTimeout)}" : ex.Message;
            return new DaemonProbe(null, null, why, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Client is not null) await Client.DisposeAsync();
    }
}
