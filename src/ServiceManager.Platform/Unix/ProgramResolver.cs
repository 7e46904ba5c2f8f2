namespace ServiceManager.Platform.Unix;

/// <summary>
/// execvp-style lookup against the child's PATH: posix_spawnp would search the daemon's PATH instead, and would only
/// report a missing program through an exit status.
/// </summary>
public static class ProgramResolver
{
    private const string FallbackPath = "/usr/local/bin:/usr/bin:/bin";

    /// <summary>The path to exec, or the errno explaining why there is none.</summary>
    public static (string? Path, int Errno) Resolve(string program, string? pathVariable, string workingDirectory)
    {
        if (program.Length == 0) return (null, LibC.ENOENT);
        if (program.Contains('/', StringComparison.Ordinal))
        {
            // A relative path is taken from the child's working directory, as the chdir happens before exec.
            var full = Path.IsPathRooted(program) ? program : Path.Combine(workingDirectory, program);
            var errno = Check(full);
            return errno == 0 ? (program, 0) : (null, errno);
        }

        var search = pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? FallbackPath;
        var firstError = LibC.ENOENT;
        foreach (var dir in search.Split(':'))
        {
            // An empty PATH entry means the current directory, which for the child is its working directory.
            var baseDir = dir.Length == 0 ? workingDirectory : Path.IsPathRooted(dir) ? dir : Path.Combine(workingDirectory, dir);
            var candidate = Path.Combine(baseDir, program);
            var errno = Check(candidate);
            if (errno == 0) return (candidate, 0);
            if (errno == LibC.EACCES) firstError = LibC.EACCES;
        }
        return (null, firstError);
    }

    private static int Check(string path)
    {
        // execve refuses directories with EACCES even though access(X_OK) accepts them.
        if (Directory.Exists(path)) return LibC.EACCES;
        if (LibC.access(path, LibC.X_OK) == 0) return 0;
        var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        return errno == LibC.EACCES ? LibC.EACCES : LibC.ENOENT;
    }
}
