using System.Text;
using ServiceManager.Monitoring.Metrics;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Monitoring.Unix;

/// <summary>
/// Reads the sampler's counters from procfs with raw open/read/readdir into one pinned buffer: no strings, streams or
/// handles per file. Not thread-safe (the sampler's cycle is its only caller).
/// </summary>
public sealed class ProcfsStatsSource : IProcessStatsSource
{
    /// <summary>Holds any stat line (the command name is at most 64 bytes) and the head of the system files.</summary>
    private const int BufferSize = 4096;

    /// <summary>Room for about 8,000 pids of one cgroup; more are left to the group and session rule.</summary>
    private const int MembersBufferSize = 64 * 1024;

    private readonly byte[] _buffer = GC.AllocateArray<byte>(BufferSize, pinned: true);
    private byte[]? _members;

    public long ClockTicksPerSecond { get; } = ProcStatLine.TicksPerSecond;

    public long PageSize { get; } = Environment.SystemPageSize;

    public void ReadProcesses(List<ProcessSample> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        using var proc = RawDirectory.Open("/proc\0"u8);
        Span<byte> path = stackalloc byte[ProcPath.MaxLength];
        while (proc.TryNextNumber(out var pid))
        {
            ProcPath.Format(path, pid, "stat"u8);
            var length = RawFile.Read(path, _buffer);
            if (length > 0 && ProcStatLine.TryParse(pid, _buffer.AsSpan(0, length), out var f) && f.HasUsage)
                into.Add(new ProcessSample(pid, f.State, f.ProcessGroup, f.Session, f.CpuTicks, f.Threads, f.RssPages, f.StartTicks));
        }
    }

    public void ReadCgroupMembers(string cgroupDirectory, List<int> into)
    {
        ArgumentNullException.ThrowIfNull(cgroupDirectory);
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        var suffix = "/cgroup.procs\0"u8;
        Span<byte> path = stackalloc byte[Encoding.UTF8.GetMaxByteCount(cgroupDirectory.Length) + suffix.Length];
        var length = Encoding.UTF8.GetBytes(cgroupDirectory, path);
        suffix.CopyTo(path[length..]);
        _members ??= GC.AllocateArray<byte>(MembersBufferSize, pinned: true);
        var read = RawFile.Read(path, _members);
        var pid = 0;
        for (var i = 0; i < read; i++)
        {
            var c = _members[i];
            if (c is >= (byte)'0' and <= (byte)'9') pid = (pid * 10) + (c - '0');
            else if (pid > 0)
            {
                into.Add(pid);
                pid = 0;
            }
        }
        if (pid > 0 && read < MembersBufferSize) into.Add(pid);
    }

    public int CountOpenFds(int pid)
    {
        Span<byte> path = stackalloc byte[ProcPath.MaxLength];
        ProcPath.Format(path, pid, "fd"u8);
        using var fds = RawDirectory.Open(path);
        return fds.IsOpen ? fds.CountRemaining() : -1;
    }

    public bool TryReadSystem(out SystemCounters counters)
    {
        counters = default;
        var length = RawFile.Read("/proc/stat\0"u8, _buffer);
        if (length <= 0 || !ProcTextParser.TryParseCpuTotals(_buffer.AsSpan(0, length), out var busy, out var total))
            return false;
        length = RawFile.Read("/proc/loadavg\0"u8, _buffer);
        if (length <= 0 || !ProcTextParser.TryParseLoadAverage(_buffer.AsSpan(0, length), out var one, out var five, out var fifteen))
            return false;
        length = RawFile.Read("/proc/meminfo\0"u8, _buffer);
        if (length <= 0 || !ProcTextParser.TryParseMemory(_buffer.AsSpan(0, length), out var memTotal, out var memAvailable))
            return false;
        length = RawFile.Read("/proc/uptime\0"u8, _buffer);
        if (length <= 0 || !ProcTextParser.TryParseUptime(_buffer.AsSpan(0, length), out var uptime))
            return false;
        counters = new SystemCounters(busy, total, one, five, fifteen, memTotal, memAvailable, uptime);
        return true;
    }
}
