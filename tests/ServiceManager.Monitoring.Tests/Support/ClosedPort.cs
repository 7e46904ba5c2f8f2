using System.Net;
using System.Net.Sockets;

namespace ServiceManager.Monitoring.Tests.Support;

internal static class ClosedPort
{
    /// <summary>A loopback port that was just free; nothing listens on it (unless another process grabs it at once).</summary>
    public static int Get()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
