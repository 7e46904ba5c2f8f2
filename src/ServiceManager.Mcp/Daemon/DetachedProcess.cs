using System.Runtime.InteropServices;

namespace ServiceManager.Mcp.Daemon;

/// <summary>
/// Starts a program in a session of its own that outlives us: stdin from /dev/null, stdout and stderr appended to a
/// file, default signal dispositions and mask, no inherited descriptors. <c>System.Diagnostics.Process</c> can do
/// none of the session, signal or descriptor parts (and <c>setsid</c> through it leaks the parent's descriptors).
/// </summary>
internal static unsafe class DetachedProcess
{
    /// <returns>The child's pid.</returns>
    /// <exception cref="IOException">posix_spawn failed (the program could not be executed, the log not opened, ...).</exception>
    public static int Start(string program, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, string workingDirectory, string outputFile)
    {
        var strings = new List<nint>();
        var arrays = new List<nint>();
        byte* Utf8(string s)
        {
            var p = Marshal.StringToCoTaskMemUTF8(s);
            strings.Add(p);
            return (byte*)p;
        }

        byte** Array(IReadOnlyCollection<string> items)
        {
            var block = (byte**)NativeMemory.AllocZeroed((nuint)(items.Count + 1), (nuint)sizeof(nint));
            arrays.Add((nint)block);
            var i = 0;
            foreach (var item in items) block[i++] = Utf8(item);
            return block;
        }

        var attr = NativeMemory.AllocZeroed(NativeMethods.PosixSpawnAttrSize);
        var actions = NativeMemory.AllocZeroed(NativeMethods.PosixSpawnFileActionsSize);
        var sets = (byte*)NativeMemory.AllocZeroed(2 * NativeMethods.SigSetSize);
        var attrReady = false;
        var actionsReady = false;
        try
        {
            var path = Utf8(program);
            var nativeArgv = Array(argv.Prepend(program).ToList());
            var nativeEnvp = Array(environment.Select(kv => $"{kv.Key}={kv.Value}").ToList());

            Check(NativeMethods.posix_spawnattr_init(attr), "posix_spawnattr_init");
            attrReady = true;
            Check(NativeMethods.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            actionsReady = true;

            // The runtime ignores SIGPIPE and blocks some signals; the daemon must start from a clean slate.
            var allSignals = sets;
            var noSignals = sets + NativeMethods.SigSetSize;
            _ = NativeMethods.sigfillset(allSignals);
            _ = NativeMethods.sigemptyset(noSignals);
            Check(NativeMethods.posix_spawnattr_setsigdefault(attr, allSignals), "setsigdefault");
            Check(NativeMethods.posix_spawnattr_setsigmask(attr, noSignals), "setsigmask");
            Check(NativeMethods.posix_spawnattr_setflags(attr,
                NativeMethods.POSIX_SPAWN_SETSID | NativeMethods.POSIX_SPAWN_SETSIGDEF | NativeMethods.POSIX_SPAWN_SETSIGMASK), "setflags");

            Check(NativeMethods.posix_spawn_file_actions_addopen(actions, 0, Utf8("/dev/null"), NativeMethods.O_RDONLY, 0), "open /dev/null");
            Check(NativeMethods.posix_spawn_file_actions_addopen(actions, 1, Utf8(outputFile),
                NativeMethods.O_WRONLY | NativeMethods.O_CREAT | NativeMethods.O_APPEND, 0b110_000_000), "open " + outputFile);
            Check(NativeMethods.posix_spawn_file_actions_adddup2(actions, 1, 2), "dup2");
            // Our stdin/stdout are the MCP client's pipes; an inherited copy would keep them open after we exit.
            Check(NativeMethods.posix_spawn_file_actions_addclosefrom_np(actions, 3), "closefrom");
            Check(NativeMethods.posix_spawn_file_actions_addchdir_np(actions, Utf8(workingDirectory)), "chdir");

            int pid;
            var rc = NativeMethods.posix_spawn(&pid, path, actions, attr, nativeArgv, nativeEnvp);
            if (rc != 0) throw new IOException($"cannot start '{program}': {NativeMethods.ErrorText(rc)}");
            return pid;
        }
        finally
        {
            if (actionsReady) _ = NativeMethods.posix_spawn_file_actions_destroy(actions);
            if (attrReady) _ = NativeMethods.posix_spawnattr_destroy(attr);
            NativeMemory.Free(sets);
            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
            foreach (var p in strings) Marshal.FreeCoTaskMem(p);
            foreach (var p in arrays) NativeMemory.Free((void*)p);
        }
    }

    /// <summary>True once the child has exited (and reaps it, so no zombie is left behind while we run).</summary>
    public static bool HasExited(int pid)
    {
        int status;
        return NativeMethods.waitpid(pid, &status, NativeMethods.WNOHANG) == pid;
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0) throw new IOException($"{what}: {NativeMethods.ErrorText(rc)}");
    }
}
