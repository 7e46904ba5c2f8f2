using System.Net.Sockets;
using ServiceManager.Platform.Unix;

namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary><see cref="NotifySocket"/> against real datagram sockets: a path and an abstract name.</summary>
public sealed class NotifySocketTests : IDisposable
{
    private readonly TempDir _dir = new("svm-notify-");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_delivers_one_datagram_per_message(bool abstractName)
    {
        using var listener = new NotifyListener(_dir.Path, abstractName);
        var socket = NotifySocket.From(listener.Address)!;

        socket.Send("READY=1");
        socket.Send("STATUS=a b\nSTOPPING=1");

        (await listener.ReceiveAsync()).Should().Be("READY=1");
        (await listener.ReceiveAsync()).Should().Be("STATUS=a b\nSTOPPING=1");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/notify.sock")]
    [InlineData("vsock:2:1234")]
    public void Only_a_path_or_an_abstract_name_is_a_socket_to_tell(string? value) =>
        NotifySocket.From(value).Should().BeNull();

    [Fact]
    public void Send_to_a_socket_nobody_listens_on_throws()
    {
        var socket = NotifySocket.From(_dir.File("gone.sock"))!;

        socket.Invoking(s => s.Send("READY=1")).Should().Throw<SocketException>();
    }
}
