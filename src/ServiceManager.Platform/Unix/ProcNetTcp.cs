using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// Listening TCP sockets of this network namespace, read from /proc/net/tcp{,6}, and the processes holding them
/// (from the <c>socket:[inode]</c> links in /proc/PID/fd). What <c>ss -ltnp</c> shows, without lsof or ss.
/// </summary>
public static class ProcNetTcp
{
    private const string ListenState = "0A";

    /// <summary>Every listening socket, with its holder where visible.</summary>
    /// <param name="ports">Only these ports (the /proc/PID/fd scan, the costly part, then looks for fewer inodes); null for all.</param>
    public static IReadOnlyList<ListeningSocket> ListeningSockets(IReadOnlySet<int>? ports = null)
    {
        var sockets = ReadTable("/proc/net/tcp", AddressFamily.InterNetwork)
            .Concat(ReadTable("/proc/net/tcp6", AddressFamily.InterNetworkV6))
            .Where(s => ports is null || ports.Contains(s.Port))
            .ToList();
        if (sockets.Count == 0) return sockets;

        var owners = SocketOwners.Find(sockets.Select(s => s.Inode).Where(i => i != 0).ToHashSet());
        return
        [
            .. sockets.Select(s => owners.TryGetValue(s.Inode, out var pid) ? s with { Pid = pid, Command = ProcScan.CommandLine(pid) } : s),
        ];
    }

    private static IEnumerable<ListeningSocket> ReadTable(string path, AddressFamily family)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No tcp6 table when IPv6 is disabled: nothing listens there.
            return [];
        }
        return Parse(text, family);
    }

    /// <summary>The LISTEN rows of one table's text; malformed rows are skipped.</summary>
    internal static IEnumerable<ListeningSocket> Parse(string text, AddressFamily family)
    {
        foreach (var line in text.Split('\n'))
        {
            // "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ..."
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != ListenState) continue;
            var colon = fields[1].IndexOf(':', StringComparison.Ordinal);
            if (colon < 0
                || DecodeAddress(fields[1].AsSpan(0, colon), family) is not { } address
                || !int.TryParse(fields[1].AsSpan(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port)
                || !int.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                || !long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
                continue;
            yield return new ListeningSocket(port, address, inode, uid);
        }
    }

    /// <summary>
    /// The kernel prints an address as 32-bit words, each in host byte order (%08X of the word as it sits in memory),
    /// so each word is turned back into bytes the same way to get the address in network order.
    /// </summary>
    private static IPAddress? DecodeAddress(ReadOnlySpan<char> hex, AddressFamily family)
    {
        var length = family == AddressFamily.InterNetwork ? 4 : 16;
        if (hex.Length != length * 2) return null;
        Span<byte> bytes = stackalloc byte[length];
        for (var word = 0; word < length / 4; word++)
        {
            if (!uint.TryParse(hex.Slice(word * 8, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
                return null;
            BitConverter.TryWriteBytes(bytes.Slice(word * 4, 4), value);
        }
        return new IPAddress(bytes);
    }
}
