using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ServiceManager.Monitoring.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 with a port of its own: answers every request with <see cref="StatusCode"/>
/// after <see cref="Delay"/>, one request per connection, and counts requests and how many were handled at once.
/// </summary>
internal sealed class TestHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly Dictionary<int, int> _byStatus = [];
    private int _inFlight;
    private int _maxConcurrent;
    private int _requests;
    private volatile int _statusCode = 200;

    public TestHttpServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/health";

    public int StatusCode
    {
        get => _statusCode;
        set => _statusCode = value;
    }

    public TimeSpan Delay { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    /// <summary>Requests answered with each status code.</summary>
    public int CountOf(int statusCode)
    {
        lock (_byStatus) return _byStatus.GetValueOrDefault(statusCode);
    }

    private async Task AcceptAsync()
    {
        var handlers = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                handlers.Add(HandleAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(handlers);
    }

    private async Task HandleAsync(TcpClient client)
    {
        using var _ = client;
        var concurrent = Interlocked.Increment(ref _inFlight);
        try
        {
            InterlockedMax(ref _maxConcurrent, concurrent);
            var stream = client.GetStream();
            var request = new StringBuilder();
            var buffer = new byte[1024];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer, _stop.Token);
                if (n == 0) return;
                request.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, _stop.Token);
            var code = StatusCode;
            Interlocked.Increment(ref _requests);
            lock (_byStatus) _byStatus[code] = _byStatus.GetValueOrDefault(code) + 1;
            var response = $"HTTP/1.1 {code} Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
