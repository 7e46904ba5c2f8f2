using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// Lets a helper process end with the process that runs it, even when that one is killed with SIGKILL and cannot
/// stop it (svcmgr-web run by the daemon). Not PR_SET_PDEATHSIG: that fires when the parent's <em>thread</em> that
/// forked exits, and .NET starts processes from pool threads that come and go. A pidfd of the parent, polled on a
/// thread of its own, becomes readable the moment the parent exits.
/// </summary>
public static unsafe class ParentWatch
{
    /// <summary>
    /// Completes when process <paramref name="parentPid"/> has exited, or at once when it is not this process's
    /// parent any more (it exited before the watch began and its pid may since belong to another process).
    /// </summary>
    public static Task WhenGoneAsync(int parentPid)
    {
        var pidFd = LibC.pidfd_open(parentPid);
        if (pidFd < 0 && Marshal.GetLastPInvokeError() is var errno && errno != LibC.ESRCH)
            throw new InvalidOperationException($"pidfd_open({parentPid}): {LibC.ErrorText(errno)}");
        // Checked after the pidfd exists: from here on it refers to the parent or to nothing, never to a reused pid.
        if (pidFd < 0 || LibC.getppid() != parentPid)
        {
            if (pidFd >= 0) _ = LibC.close(pidFd);
            return Task.CompletedTask;
        }

        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Wait(pidFd, gone)) { IsBackground = true, Name = "parent watch" };
        thread.Start();
        return gone.Task;
    }

    private static void Wait(int pidFd, TaskCompletionSource gone)
    {
        var poll = new LibC.PollFd { Fd = pidFd, Events = LibC.POLLIN };
        int ready, errno;
        do
        {
            ready = LibC.poll(&poll, 1, -1);
            errno = Marshal.GetLastPInvokeError();
        }
        while (ready < 0 && errno == LibC.EINTR);
        _ = LibC.close(pidFd);
        if (ready < 0) gone.SetException(new InvalidOperationException($"poll(pidfd): {LibC.ErrorText(errno)}"));
        else gone.SetResult();
    }
}
