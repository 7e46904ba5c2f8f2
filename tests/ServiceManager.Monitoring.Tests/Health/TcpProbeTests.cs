using System.Net;
using System.Net.Sockets;
using ServiceManager.Monitoring.Health;
using ServiceManager.Monitoring.Tests.Support;

namespace ServiceManager.Monitoring.Tests.Health;

public sealed class TcpProbeTests : IDisposable
{
    private readonly Children _children = new();
    private readonly HealthProbeFactory _factory;

    public TcpProbeTests() => _factory = new HealthProbeFactory(_children.Spawner);

    public void Dispose()
    {
        _factory.Dispose();
        _children.Dispose();
    }

    private async Task<ProbeResult> Once(string endpoint)
    {
        var probe = _factory.Create(endpoint, Children.InheritedEnvironment(), Path.GetTempPath());
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
        return await probe.ProbeAsync(cts.Token);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_listening_port_is_healthy(string host)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            (await Once($"tcp://{host}:{port}")).Should().Be(ProbeResult.Healthy("connected"));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_closed_port_is_unhealthy()
    {
        var port = ClosedPort.Get();

        (await Once($"tcp://127.0.0.1:{port}")).Should().Be(ProbeResult.Unhealthy("connection refused"));
    }

    [Fact]
    public async Task An_ipv6_literal_is_connected_to_without_its_brackets()
    {
        using var listener = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        }
        catch (SocketException)
        {
            return; // no IPv6 on this machine: nothing to check
        }
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        (await Once($"tcp://[::1]:{port}")).Should().Be(ProbeResult.Healthy("connected"));
    }
}
