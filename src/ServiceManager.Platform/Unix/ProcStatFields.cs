namespace ServiceManager.Platform.Unix;

/// <summary>The fields of one <c>/proc/PID/stat</c> line that svcmgr uses (proc(5) field numbers in brackets).</summary>
/// <param name="State">[3] The state letter (<c>R</c>, <c>S</c>, <c>Z</c>...) as an ASCII byte.</param>
/// <param name="ParentPid">[4]</param>
/// <param name="ProcessGroup">[5]</param>
/// <param name="Session">[6]</param>
/// <param name="CpuTicks">[14] + [15], utime + stime: CPU used by the process itself (not its reaped children).</param>
/// <param name="Threads">[20]</param>
/// <param name="StartTicks">[22] When it started, in clock ticks after boot: with the pid, its identity.</param>
/// <param name="RssPages">[24]</param>
/// <param name="HasUsage">The line reached field 24: the CPU, thread, start and RSS fields were all read. A shorter
/// line (only seen in hand-made input) gives the first four and zeros.</param>
public readonly record struct ProcStatFields(
    int Pid,
    byte State,
    int ParentPid,
    int ProcessGroup,
    int Session,
    long CpuTicks,
    int Threads,
    long StartTicks,
    long RssPages,
    bool HasUsage);
