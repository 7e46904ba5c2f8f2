using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// One posix_spawn call: a new session, default signal dispositions and an empty mask (the runtime ignores SIGPIPE and
/// blocks some signals, which children must not inherit), stdin from /dev/null, stdout/stderr onto the given pipe
/// ends, the listening sockets onto 3… and every other descriptor closed.
/// </summary>
/// <remarks>The file actions run in order, so no source descriptor may be below 3 + the number of sockets (a later
/// dup2 would overwrite it first): <see cref="PosixSpawnLauncher"/> moves them up.</remarks>
internal static unsafe class PosixSpawn
{
    /// <returns>0, or the error number from posix_spawn (which reports exec and file-action failures too).</returns>
    public static int Start(
        string path, IReadOnlyList<string> argv, IReadOnlyCollection<string> envp, string? workingDirectory,
        int stdoutFd, int stderrFd, ReadOnlySpan<int> listenFds, out int pid)
    {
        pid = 0;
        using var strings = new NativeStrings();
        var nativePath = strings.Add(path);
        var nativeArgv = strings.AddArray((IReadOnlyCollection<string>)argv);
        var nativeEnvp = strings.AddArray(envp);
        var devNull = strings.Add("/dev/null");
        var nativeCwd = string.IsNullOrEmpty(workingDirectory) ? null : strings.Add(workingDirectory);

        var attr = NativeMemory.AllocZeroed(LibC.PosixSpawnAttrSize);
        var actions = NativeMemory.AllocZeroed(LibC.PosixSpawnFileActionsSize);
        var sets = (byte*)NativeMemory.AllocZeroed(2 * LibC.SigSetSize);
        var attrReady = false;
        var actionsReady = false;
        try
        {
            int rc;
            if ((rc = LibC.posix_spawnattr_init(attr)) != 0) return rc;
            attrReady = true;
            if ((rc = LibC.posix_spawn_file_actions_init(actions)) != 0) return rc;
            actionsReady = true;

            var allSignals = sets;
            var noSignals = sets + LibC.SigSetSize;
            _ = LibC.sigfillset(allSignals);
            _ = LibC.sigemptyset(noSignals);
            if ((rc = LibC.posix_spawnattr_setsigdefault(attr, allSignals)) != 0) return rc;
            if ((rc = LibC.posix_spawnattr_setsigmask(attr, noSignals)) != 0) return rc;
            const short flags = LibC.POSIX_SPAWN_SETSID | LibC.POSIX_SPAWN_SETSIGDEF | LibC.POSIX_SPAWN_SETSIGMASK;
            if ((rc = LibC.posix_spawnattr_setflags(attr, flags)) != 0) return rc;

            if ((rc = LibC.posix_spawn_file_actions_addopen(actions, 0, devNull, LibC.O_RDONLY, 0)) != 0) return rc;
            if ((rc = LibC.posix_spawn_file_actions_adddup2(actions, stdoutFd, 1)) != 0) return rc;
            if ((rc = LibC.posix_spawn_file_actions_adddup2(actions, stderrFd, 2)) != 0) return rc;
            for (var i = 0; i < listenFds.Length; i++)
            {
                if ((rc = LibC.posix_spawn_file_actions_adddup2(actions, listenFds[i], 3 + i)) != 0) return rc;
            }
            // CLOEXEC only covers our own descriptors; this also catches ones the daemon inherited or a library opened.
            if ((rc = LibC.posix_spawn_file_actions_addclosefrom_np(actions, 3 + listenFds.Length)) != 0) return rc;
            if (nativeCwd != null && (rc = LibC.posix_spawn_file_actions_addchdir_np(actions, nativeCwd)) != 0) return rc;

            int childPid;
            rc = LibC.posix_spawn(&childPid, nativePath, actions, attr, nativeArgv, nativeEnvp);
            if (rc == 0) pid = childPid;
            return rc;
        }
        finally
        {
            if (actionsReady) _ = LibC.posix_spawn_file_actions_destroy(actions);
            if (attrReady) _ = LibC.posix_spawnattr_destroy(attr);
            NativeMemory.Free(sets);
            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
        }
    }
}
