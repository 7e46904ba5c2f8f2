using System.Net.Sockets;

namespace ServiceManager.Monitoring.Health;

/// <summary>Short reasons for socket failures: "connection refused" reads better in a status line than .NET's
/// sentence-long messages.</summary>
internal static class SocketText
{
    public static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "name resolution failed",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
        SocketError.TimedOut => "connect timed out",
        SocketError.ConnectionReset => "connection reset",
        _ => $"socket error: {e.SocketErrorCode}",
    };
}
