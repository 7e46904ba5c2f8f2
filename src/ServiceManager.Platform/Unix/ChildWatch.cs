namespace ServiceManager.Platform.Unix;

/// <summary>
/// The descriptors the I/O loop watches for one child. Only the loop thread touches the fields once the watch has
/// been handed over, so they need no locking; -1 marks a descriptor already closed.
/// </summary>
internal sealed class ChildWatch(long id, UnixChildProcess child, IChildOutputSink sink, int stdoutFd, int stderrFd, int pidFd)
{
    public long Id { get; } = id;

    public UnixChildProcess Child { get; } = child;

    public IChildOutputSink Sink { get; } = sink;

    public int StdoutFd = stdoutFd;

    public int StderrFd = stderrFd;

    public int PidFd = pidFd;

    public bool IsDone => StdoutFd < 0 && StderrFd < 0 && PidFd < 0;

    public ref int PipeFd(OutputStream stream) => ref stream == OutputStream.Stdout ? ref StdoutFd : ref StderrFd;
}
