using System.Net.Sockets;

namespace ServiceManager.Monitoring.Health;

/// <summary><c>tcp://host:port</c>: healthy when a connection is accepted; it is closed at once without sending.</summary>
public sealed class TcpHealthProbe : IHealthProbe
{
    private readonly string _host;
    private readonly int _port;

    public TcpHealthProbe(string endpoint, string host, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Endpoint = endpoint;
        _host = host;
        _port = port;
    }

    public string Endpoint { get; }

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        // Dual-mode by default, so "localhost", IPv4 and IPv6 literals all work; every resolved address is tried.
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(_host, _port, cancellationToken);
            return ProbeResult.Healthy("connected");
        }
        catch (SocketException e) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Unhealthy(SocketText.Describe(e));
        }
    }
}
