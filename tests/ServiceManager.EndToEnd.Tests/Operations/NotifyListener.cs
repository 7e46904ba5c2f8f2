using System.Net.Sockets;
using System.Text;

namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary>What systemd is to a <c>Type=notify</c> service: a Unix datagram socket bound at a path or an abstract
/// name, whose address goes into <c>NOTIFY_SOCKET</c>.</summary>
internal sealed class NotifyListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public NotifyListener(string directory, bool abstractName)
    {
        if (abstractName)
        {
            var name = $"svcmgr-test-{Guid.NewGuid():N}";
            _socket.Bind(new UnixDomainSocketEndPoint("\0" + name));
            Address = "@" + name;
        }
        else
        {
            Address = Path.Combine(directory, "notify.sock");
            _socket.Bind(new UnixDomainSocketEndPoint(Address));
        }
    }

    /// <summary>The value for NOTIFY_SOCKET.</summary>
    public string Address { get; }

    /// <summary>The next datagram; fails the test if none comes within a minute.</summary>
    public async Task<string> ReceiveAsync()
    {
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no notification on {Address} within a minute");
        }
    }

    public void Dispose() => _socket.Dispose();
}
