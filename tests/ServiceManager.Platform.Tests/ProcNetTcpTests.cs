using System.Net;
using System.Net.Sockets;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

// Serial: a spawn elsewhere in this process holds a copy of every descriptor between its fork and its exec (or
// closefrom), so a listener closed meanwhile would still look open for that instant.
[Collection(SerialCollection.Name)]
public sealed class ProcNetTcpTests
{
    // Captured shapes of /proc/net/tcp and /proc/net/tcp6 (x86_64: each 32-bit word of an address in host order).
    private const string Tcp4 = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 41235 1 0000000000000000 100 0 0 10 0
           1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20001 1 0000000000000000 100 0 0 10 0
           2: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 41300 1 0000000000000000 20 4 30 10 -1
           3: garbage
        """;

    private const string Tcp6 = """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000001000000:0BB8 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51234 1 0000000000000000 100 0 0 10 0
           1: 00000000000000000000000000000000:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 51235 1 0000000000000000 100 0 0 10 0
           2: 0000000000000000FFFF00000100007F:1F92 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51236 1 0000000000000000 100 0 0 10 0
           3: 00000000000000000000000001000000:0BB8 00000000000000000000000001000000:D431 06 00000000:00000000 03:00000F2B 00000000     0        0 0 3 0000000000000000
        """;

    [Fact]
    public void Ipv4_listen_rows_give_port_address_uid_and_inode()
    {
        var sockets = ProcNetTcp.Parse(Tcp4, AddressFamily.InterNetwork).ToList();

        sockets.Should().Equal(
            new ListeningSocket(8080, IPAddress.Parse("127.0.0.1"), 41235, 1000),
            new ListeningSocket(22, IPAddress.Any, 20001, 0));
    }

    [Fact]
    public void Ipv6_listen_rows_decode_each_word_in_host_order()
    {
        var sockets = ProcNetTcp.Parse(Tcp6, AddressFamily.InterNetworkV6).ToList();

        sockets.Should().Equal(
            new ListeningSocket(3000, IPAddress.IPv6Loopback, 51234, 1000),
            new ListeningSocket(8081, IPAddress.IPv6Any, 51235, 0),
            new ListeningSocket(8082, IPAddress.Parse("::ffff:127.0.0.1"), 51236, 1000));
    }

    [Theory]
    [InlineData("socket:[12345]", 12345L)]
    [InlineData("pipe:[12345]", null)]
    [InlineData("/dev/null", null)]
    [InlineData("socket:[]", null)]
    [InlineData(null, null)]
    public void Fd_links_name_socket_inodes(string? target, long? inode)
    {
        SocketOwners.Parse(target).Should().Be(inode);
    }

    [Fact]
    public void A_real_ipv4_listener_is_found_with_our_pid()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            var found = ProcNetTcp.ListeningSockets(new HashSet<int> { port });

            var socket = found.Should().ContainSingle().Subject;
            socket.Port.Should().Be(port);
            socket.Address.Should().Be(IPAddress.Loopback);
            socket.Pid.Should().Be(Environment.ProcessId);
            socket.Command.Should().NotBeNullOrEmpty();
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void A_real_ipv6_listener_is_found_with_our_pid()
    {
        var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
        try
        {
            listener.Start();
        }
        catch (SocketException)
        {
            return; // no IPv6 on this machine: nothing to find
        }

        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            var socket = ProcNetTcp.ListeningSockets(new HashSet<int> { port }).Should().ContainSingle().Subject;

            socket.Address.Should().Be(IPAddress.IPv6Loopback);
            socket.Pid.Should().Be(Environment.ProcessId);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void A_closed_listener_is_gone()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        ProcNetTcp.ListeningSockets(new HashSet<int> { port }).Should().BeEmpty();
    }
}
