using System.Globalization;
using System.Net;

namespace ServiceManager.Web.Hosting;

/// <summary>Where <c>svcmgr web</c> listens: an IP address (or <c>localhost</c>, taken as 127.0.0.1) and a port.</summary>
/// <param name="Host">As written (<c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c>); what requests may name in <c>Host</c>.</param>
internal sealed record ListenAddress(string Host, IPAddress Address, int Port)
{
    /// <summary>The USM seed's port, on loopback.</summary>
    public const string Default = "127.0.0.1:8767";

    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>0.0.0.0 or [::]: every interface of the machine.</summary>
    public bool IsWildcard => Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any);

    /// <summary>Reads <c>ADDR:PORT</c>: <c>127.0.0.1:8767</c>, <c>[::1]:8767</c>, <c>localhost:8767</c>, <c>0.0.0.0:8767</c>.</summary>
    /// <exception cref="FormatException">Not of that form; the message says what is wrong.</exception>
    public static ListenAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            throw new FormatException($"--listen '{text}' is not ADDR:PORT (e.g. {Default}, [::1]:8767, 0.0.0.0:8767)");
        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            throw new FormatException($"--listen '{text}': '{portText}' is not a port (0-65535)");

        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase))
            return new ListenAddress("localhost", IPAddress.Loopback, port);
        if (!IPAddress.TryParse(bare, out var address) || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && bare == host))
            throw new FormatException($"--listen '{text}': '{host}' is not an IP address or localhost (write IPv6 in brackets: [::1]:8767)");
        return new ListenAddress(bare, address, port);
    }

    public override string ToString() => Format(Port);

    /// <summary>The address with another port (the one actually bound when 0 was asked for).</summary>
    public string Format(int port) =>
        Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{Host}]:{port.ToString(CultureInfo.InvariantCulture)}"
            : $"{Host}:{port.ToString(CultureInfo.InvariantCulture)}";
}
