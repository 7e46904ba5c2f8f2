namespace ServiceManager.Monitoring.Metrics;

/// <summary>The fields of one <c>/proc/PID/stat</c> that the sampler needs.</summary>
/// <param name="State">The state letter (<c>R</c>, <c>S</c>, <c>Z</c>...) as an ASCII byte.</param>
/// <param name="CpuTicks">utime + stime: CPU used by the process itself (not its reaped children).</param>
/// <param name="StartTicks">When it started, in clock ticks after boot: with the pid, its identity.</param>
public readonly record struct ProcessSample(
    int Pid,
    byte State,
    int ProcessGroup,
    int Session,
    long CpuTicks,
    int Threads,
    long RssPages,
    long StartTicks)
{
    /// <summary>Zombies hold no memory and use no CPU any more; their counters would only mislead.</summary>
    public bool IsZombie => State is (byte)'Z' or (byte)'X';
}
