using System.Net;
using System.Net.NetworkInformation;
using ServiceManager.Web.Hosting;

namespace ServiceManager.Web.Security;

/// <summary>
/// The names a request may give in <c>Host</c> (DNS-rebinding defence, spec §7): the listen address, <c>localhost</c>,
/// <c>127.0.0.1</c> and <c>[::1]</c>. Listening on every interface (0.0.0.0, [::]) the listen address stands for each
/// of the machine's own addresses and its host name, which is how others reach it.
/// </summary>
internal sealed class AllowedHosts
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "::1", "[::1]" };

    public AllowedHosts(ListenAddress listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        Add(listen.Host);
        if (!listen.IsWildcard) return;
        Add(Dns.GetHostName());
        foreach (var address in NetworkInterface.GetAllNetworkInterfaces()
                     .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(u => u.Address))
            Add(WithoutScope(address).ToString());
    }

    /// <summary>A link-local IPv6 address as a browser writes it in <c>Host</c>: without its <c>%scope</c>.</summary>
    private static IPAddress WithoutScope(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? new IPAddress(address.GetAddressBytes()) : address;

    public IReadOnlyCollection<string> Names => _names;

    /// <summary>Whether the host part of a <c>Host</c> header (<c>HostString.Host</c>: no port, IPv6 in brackets) is ours.</summary>
    public bool Allows(string host) => host.Length > 0 && _names.Contains(host);

    private void Add(string name)
    {
        _names.Add(name);
        if (IPAddress.TryParse(name, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            _names.Add($"[{name}]");
    }
}
