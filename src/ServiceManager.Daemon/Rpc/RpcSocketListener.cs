using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceManager.Daemon.Hosting;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;

namespace ServiceManager.Daemon.Rpc;

/// <summary>
/// Owns the Unix socket: binds it 0600 inside a 0700 directory, accepts clients, refuses any peer whose uid is not
/// the daemon's (SO_PEERCRED), and runs one <see cref="RpcConnection"/> per client.
/// </summary>
internal sealed class RpcSocketListener(
    DaemonPaths paths,
    Func<RpcConnection, IServiceManagerRpc> createTarget,
    FleetReadiness readiness,
    ILogger<RpcSocketListener> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<Task> _connections = [];
    private Socket? _listener;
    private Task? _acceptLoop;

    /// <summary>Binds synchronously, so the socket answers as soon as the host has started.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = SocketBinding.Bind(paths.SocketPath);
        logger.LogInformation("listening on {Socket}", paths.SocketPath);
        _acceptLoop = AcceptLoopAsync(_listener);
        return Task.CompletedTask;
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        var ownUid = UnixUser.EffectiveUid;
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                // EMFILE and friends: keep serving the clients we have rather than dying.
                logger.LogWarning("accept failed: {Error}", ex.Message);
                await Task.Delay(50, _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            var peer = PeerCredentials.Get(client);
            if (peer.Uid != ownUid)
            {
                logger.LogWarning("refused a client of uid {Uid} (pid {Pid}): only uid {Own} may use this socket", peer.Uid, peer.Pid, ownUid);
                client.Dispose();
                continue;
            }

            var task = ServeAsync(client);
            lock (_connections) _connections.Add(task);
            _ = task.ContinueWith(t => { lock (_connections) _connections.Remove(t); }, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await Task.Yield();
        try
        {
            await readiness.WhenReady.WaitAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            client.Dispose();
            return;
        }

        var connection = new RpcConnection(client, createTarget, logger, _stopping.Token);
        await using (connection)
        {
            try
            {
                await connection.RunAsync();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "client connection failed");
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _listener?.Dispose();
        if (_acceptLoop is not null) await _acceptLoop;
        Task[] open;
        lock (_connections) open = [.. _connections];
        await Task.WhenAll(open).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        SocketBinding.Remove(paths.SocketPath);
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        _listener?.Dispose();
        return ValueTask.CompletedTask;
    }
}
