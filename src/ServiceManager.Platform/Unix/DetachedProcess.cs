using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// Starts a program that outlives its starter (e.g. <c>svcmgr mcp --start-daemon</c> starting the daemon): its own
/// session, clean signal state, stdin from /dev/null, stdout and stderr appended to a file, no inherited descriptors —
/// the same spawn as a supervised child, without the pipes.
/// </summary>
public static unsafe class DetachedProcess
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <returns>The child's pid.</returns>
    /// <exception cref="IOException">The output file could not be opened or the program could not be executed.</exception>
    public static int Start(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
        string workingDirectory, string outputFile)
    {
        // Opened by .NET (close-on-exec); dup2 onto 1 and 2 gives the child its own inheritable copies.
        using var output = new FileStream(outputFile, new FileStreamOptions
        {
            Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite, UnixCreateMode = OwnerReadWrite,
        });
        var fd = (int)output.SafeFileHandle.DangerousGetHandle();
        var argv = new List<string>(arguments.Count + 1) { program };
        argv.AddRange(arguments);
        var envp = environment.Select(kv => $"{kv.Key}={kv.Value}").ToList();
        var rc = PosixSpawn.Start(program, argv, envp, workingDirectory, fd, fd, [], out var pid);
        if (rc != 0) throw new IOException($"cannot start '{program}': {LibC.ErrorText(rc)}");
        return pid;
    }

    /// <summary>
    /// Whether the child has exited, and how: its exit code, or 128 + the signal that killed it (as a shell reports
    /// it), or -1 when it was reaped elsewhere. Reaps it, so no zombie is left while the starter runs on.
    /// </summary>
    public static bool TryGetExit(int pid, out int exitCode)
    {
        int status;
        var reaped = LibC.waitpid(pid, &status, LibC.WNOHANG);
        exitCode = reaped != pid ? -1 : (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
        return reaped == pid || reaped < 0 && Marshal.GetLastPInvokeError() == LibC.ECHILD;
    }
}
