using System.Runtime.InteropServices;
using System.Text.Json;
using ServiceManager.Cli;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Native;

/// <summary>
/// What a <c>svcmgr_client*</c> points to (through a <see cref="GCHandle"/>): a socket path, one connection to the
/// daemon made at the first call and made again after the daemon went away, and each calling thread's last error.
/// Calls from several threads share the connection (requests are matched to answers by id).
/// </summary>
internal sealed unsafe class NativeClient : IDisposable
{
    private readonly string? _socketPath;
    private readonly string? _pathError;
    private readonly Lock _connecting = new();
    // Per thread, like errno: two threads sharing a client each read their own failure, and a message stays valid
    // until that thread's next failure on this client (or the disconnect), whatever the other threads do.
    private readonly ThreadLocal<nint> _lastError = new(trackAllValues: true);
    private DaemonClient? _connection;

    private NativeClient(string? socketPath)
    {
        try
        {
            _socketPath = socketPath ?? DaemonPaths.FromEnvironment().SocketPath;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _pathError = $"cannot tell where the daemon's socket is: {ex.Message}";
        }
    }

    public static nint Open(string? socketPath) => GCHandle.ToIntPtr(GCHandle.Alloc(new NativeClient(socketPath)));

    public static NativeClient? From(nint handle) => handle == 0 ? null : GCHandle.FromIntPtr(handle).Target as NativeClient;

    public static void Close(nint handle)
    {
        var gcHandle = GCHandle.FromIntPtr(handle);
        (gcHandle.Target as NativeClient)?.Dispose();
        gcHandle.Free();
    }

    public byte* LastError => (byte*)_lastError.Value;

    /// <summary>Runs <paramref name="call"/> on the connection; its result (JSON text, or null) goes to
    /// <paramref name="result"/> when the caller asked for it.</summary>
    /// <returns>svcmgr's exit code for the outcome.</returns>
    public int Run(Func<DaemonClient, Task<string?>> call, byte** result)
    {
        if (result is not null) *result = null;
        try
        {
            var json = call(Connection()).GetAwaiter().GetResult();
            if (result is not null && json is not null) *result = NativeText.Copy(json);
            return ExitCodes.Success;
        }
        catch (DaemonUnreachableException ex)
        {
            return Fail(ExitCodes.DaemonUnreachable, ex.Message);
        }
        catch (RpcErrorException ex)
        {
            return Fail(ExitCodes.ForRpcError(ex.Code), ex.Message);
        }
        catch (CallFailedException ex)
        {
            return Fail(ex.ExitCode, ex.Message);
        }
        catch (Exception ex)
        {
            return Fail(ExitCodes.Failed, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>A failure found before anything is sent (a NULL argument, params that are not a JSON object).</summary>
    public int Fail(int exitCode, string message)
    {
        var previous = _lastError.Value;
        _lastError.Value = (nint)NativeText.Copy(message);
        NativeText.Free((byte*)previous);
        return exitCode;
    }

    /// <summary>The live connection; a new one when there is none yet or the daemon closed the last (it restarted).</summary>
    private DaemonClient Connection()
    {
        lock (_connecting)
        {
            if (_connection is { IsConnected: true } live) return live;
            if (_pathError is not null) throw new DaemonUnreachableException(_pathError);
            _connection?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _connection = null;
            _connection = DaemonClient.ConnectAsync(_socketPath!).GetAwaiter().GetResult();
            return _connection;
        }
    }

    public void Dispose()
    {
        lock (_connecting)
        {
            _connection?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _connection = null;
        }

        foreach (var message in _lastError.Values) NativeText.Free((byte*)message);
        _lastError.Dispose();
    }
}
