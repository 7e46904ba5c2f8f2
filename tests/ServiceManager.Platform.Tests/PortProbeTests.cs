using System.Net;
using System.Net.Sockets;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

/// <summary>A real listener makes its port "in use", whatever address it is bound to; a closed one leaves it free.</summary>
// Serial: a spawn elsewhere in this process holds a copy of every descriptor between its fork and its exec (or
// closefrom), so a listener closed meanwhile would still look open for that instant.
[Collection(SerialCollection.Name)]
public sealed class PortProbeTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("::")]
    public void A_listening_socket_makes_its_port_in_use(string address)
    {
        var ip = IPAddress.Parse(address);
        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && !Socket.OSSupportsIPv6) return;
        var port = FreePortBelowEphemeralRange();
        var listener = new TcpListener(ip, port);
        listener.Start();
        try
        {
            PortProbe.IsInUse(port).Should().BeTrue();
        }
        finally
        {
            listener.Stop();
        }

        PortProbe.IsInUse(port).Should().BeFalse("the listener is closed");
    }

    [Fact]
    public void A_port_left_in_time_wait_by_a_finished_connection_is_free()
    {
        var port = FreePortBelowEphemeralRange();
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        using (var client = new TcpClient())
        {
            client.Connect(IPAddress.Loopback, port);
            using var server = listener.AcceptTcpClient();
            // The server side closes first, so the TIME_WAIT is on the server's port.
            server.Client.Close();
        }

        listener.Stop();
        PortProbe.IsInUse(port).Should().BeFalse();
    }

    /// <summary>
    /// Not from the kernel's ephemeral range (32768 and up): an outgoing connection of some other test could get that
    /// port as its local one right after our listener closes, and the port would look taken.
    /// </summary>
    private static int FreePortBelowEphemeralRange()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20_000, 30_000);
            if (!PortProbe.IsInUse(port)) return port;
        }

        throw new InvalidOperationException("no free port in 20000-30000");
    }
}
