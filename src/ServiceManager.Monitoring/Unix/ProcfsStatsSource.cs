using System.Runtime.InteropServices;
using ServiceManager.Monitoring.Metrics;

namespace ServiceManager.Monitoring.Unix;

/// <summary>
/// Reads the sampler's counters from procfs with raw open/read/readdir into one pinned buffer: no strings, streams or
/// handles per file. Not thread-safe (the sampler's cycle is its only caller).
/// </summary>
public sealed unsafe class ProcfsStatsSource : IProcessStatsSource
{
    /// <summary>Holds any stat line (the command name is at most 64 bytes) and the head of the system files.</summary>
    private const int BufferSize = 4096;

    private readonly byte[] _buffer = GC.AllocateArray<byte>(BufferSize, pinned: true);

    public ProcfsStatsSource()
    {
        var hz = ProcNative.sysconf(ProcNative._SC_CLK_TCK);
        ClockTicksPerSecond = hz > 0 ? hz : 100;
        PageSize = Environment.SystemPageSize;
    }

    public long ClockTicksPerSecond { get; }

    public long PageSize { get; }

    public void ReadProcesses(List<ProcessSample> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        fixed (byte* procPath = "/proc\0"u8)
        {
            var dir = ProcNative.opendir(procPath);
            if (dir == 0) return;
            try
            {
                Span<byte> path = stackalloc byte[ProcPath.MaxLength];
                byte* entry;
                while ((entry = ProcNative.readdir(dir)) != null)
                {
                    if (!TryParsePid(entry + ProcNative.DirentNameOffset, out var pid)) continue;
                    ProcPath.Format(path, pid, "stat"u8);
                    var length = ReadFile(path);
                    if (length > 0 && ProcStatParser.TryParse(pid, _buffer.AsSpan(0, length), out var sample))
                        into.Add(sample);
                }
            }
            finally
            {
                _ = ProcNative.closedir(dir);
            }
        }
    }

    public int CountOpenFds(int pid)
    {
        Span<byte> path = stackalloc byte[ProcPath.MaxLength];
        ProcPath.Format(path, pid, "fd"u8);
        fixed (byte* p = path)
        {
            var dir = ProcNative.opendir(p);
            if (dir == 0) return -1;
            var count = 0;
            byte* entry;
            while ((entry = ProcNative.readdir(dir)) != null)
            {
                if (entry[ProcNative.DirentNameOffset] != (byte)'.') count++;
            }
            _ = ProcNative.closedir(dir);
            return count;
        }
    }

    public bool TryReadSystem(out SystemCounters counters)
    {
        counters = default;
        var length = ReadFile("/proc/stat\0"u8);
        if (length <= 0 || !ProcTextParser.TryParseCpuTotals(_buffer.AsSpan(0, length), out var busy, out var total))
            return false;
        length = ReadFile("/proc/loadavg\0"u8);
        if (length <= 0 || !ProcTextParser.TryParseLoadAverage(_buffer.AsSpan(0, length), out var one, out var five, out var fifteen))
            return false;
        length = ReadFile("/proc/meminfo\0"u8);
        if (length <= 0 || !ProcTextParser.TryParseMemory(_buffer.AsSpan(0, length), out var memTotal, out var memAvailable))
            return false;
        length = ReadFile("/proc/uptime\0"u8);
        if (length <= 0 || !ProcTextParser.TryParseUptime(_buffer.AsSpan(0, length), out var uptime))
            return false;
        counters = new SystemCounters(busy, total, one, five, fifteen, memTotal, memAvailable, uptime);
        return true;
    }

    /// <summary>Reads up to <see cref="BufferSize"/> bytes of a file into the buffer; -1 when it cannot be read
    /// (a process that exited between readdir and open is the usual case).</summary>
    private int ReadFile(ReadOnlySpan<byte> nulTerminatedPath)
    {
        int fd;
        fixed (byte* p = nulTerminatedPath)
        {
            while ((fd = ProcNative.open(p, ProcNative.O_RDONLY | ProcNative.O_CLOEXEC)) < 0
                && Marshal.GetLastPInvokeError() == ProcNative.EINTR)
            {
            }
        }
        if (fd < 0) return -1;
        try
        {
            var total = 0;
            fixed (byte* buffer = _buffer)
            {
                while (total < BufferSize)
                {
                    var n = ProcNative.read(fd, buffer + total, BufferSize - total);
                    if (n == 0) break;
                    if (n < 0)
                    {
                        if (Marshal.GetLastPInvokeError() == ProcNative.EINTR) continue;
                        return -1;
                    }
                    total += (int)n;
                }
            }
            return total;
        }
        finally
        {
            _ = ProcNative.close(fd);
        }
    }

    private static bool TryParsePid(byte* name, out int pid)
    {
        pid = 0;
        if (*name is < (byte)'0' or > (byte)'9') return false;
        for (; *name != 0; name++)
        {
            if (*name is < (byte)'0' or > (byte)'9') return false;
            pid = (pid * 10) + (*name - '0');
        }
        return pid > 0;
    }
}
