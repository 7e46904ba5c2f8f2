namespace ServiceManager.Protocol.Client;

/// <summary>
/// A long-lived front end's one shared connection to the daemon (the MCP server's, the web server's), opened on first
/// use and opened again when the daemon went away (restarted, upgraded). With a <see cref="DaemonLauncher"/> a missing
/// daemon is started instead of reported.
/// </summary>
public sealed class DaemonGateway : IAsyncDisposable
{
    private readonly DaemonPaths _paths;
    private readonly DaemonLauncher? _launcher;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private DaemonClient? _client;

    public DaemonGateway(DaemonPaths paths, DaemonLauncher? launcher = null)
    {
        _paths = paths;
        _launcher = launcher;
    }

    public DaemonPaths Paths => _paths;

    /// <summary>Whether a missing daemon is started (<c>--start-daemon</c>).</summary>
    public bool StartsDaemon => _launcher is not null;

    /// <summary>
    /// Runs one call. A call that failed because a reused connection turned out to be dead is repeated once on a new
    /// connection when <paramref name="retryable"/> (reads, and operations whose repetition is harmless).
    /// </summary>
    /// <exception cref="DaemonUnreachableException">No daemon, and none was to be started.</exception>
    /// <exception cref="DaemonStartException">No daemon, and starting one failed.</exception>
    /// <exception cref="RpcErrorException">The daemon answered with an error.</exception>
    public async Task<T> CallAsync<T>(Func<DaemonClient, CancellationToken, Task<T>> call, bool retryable, CancellationToken ct)
    {
        var (client, fresh) = await GetClientAsync(ct);
        try
        {
            return await call(client, ct);
        }
        catch (DaemonUnreachableException) when (!fresh && retryable)
        {
            await DropAsync(client);
            (client, _) = await GetClientAsync(ct);
            return await call(client, ct);
        }
        catch (DaemonUnreachableException)
        {
            await DropAsync(client);
            throw;
        }
    }

    /// <summary>Connects (starting the daemon if so configured) without calling anything; failures are the caller's to report.</summary>
    public async Task WarmUpAsync(CancellationToken ct) => await GetClientAsync(ct);

    private async Task<(DaemonClient Client, bool Fresh)> GetClientAsync(CancellationToken ct)
    {
        await _connectLock.WaitAsync(ct);
        try
        {
            // The client's read loop completes its notification channel when the connection closes: a dead connection.
            if (_client is { } existing && !existing.Notifications.Completion.IsCompleted) return (existing, false);
            if (_client is not null) await DisposeQuietlyAsync(_client);
            _client = null;

            try
            {
                _client = await DaemonClient.ConnectAsync(_paths.SocketPath, ct);
            }
            catch (DaemonUnreachableException) when (_launcher is not null)
            {
                await _launcher.EnsureRunningAsync(ct);
                _client = await DaemonClient.ConnectAsync(_paths.SocketPath, ct);
            }

            return (_client, true);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task DropAsync(DaemonClient client)
    {
        await _connectLock.WaitAsync();
        try
        {
            if (ReferenceEquals(_client, client)) _client = null;
        }
        finally
        {
            _connectLock.Release();
        }

        await DisposeQuietlyAsync(client);
    }

    private static async Task DisposeQuietlyAsync(DaemonClient client)
    {
        try
        {
            await client.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // Already broken; nothing to release beyond what DisposeAsync got to.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await DisposeQuietlyAsync(_client);
        _client = null;
        _connectLock.Dispose();
    }
}
