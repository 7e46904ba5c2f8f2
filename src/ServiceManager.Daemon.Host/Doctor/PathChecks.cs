using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Host.Doctor;

/// <summary>The directories svcmgr keeps its state, logs, socket and pidfile in: there, private, writable.</summary>
internal static class PathChecks
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static IEnumerable<DoctorCheck> Run(DaemonPaths paths)
    {
        yield return Directory("state-dir", "state directory", paths.StateDirectory);
        yield return Directory("runtime-dir", "runtime directory (socket, pidfile)", paths.RuntimeDirectory);
        yield return Logs(paths);
    }

    private static DoctorCheck Directory(string name, string what, string path)
    {
        if (File.Exists(path))
            return CheckStatus.Failed(name, $"{what} {path} is a file, not a directory", $"move the file away; `svcmgr daemon` creates the directory");
        if (!System.IO.Directory.Exists(path))
            return CheckStatus.Warning(name, $"{what} {path} does not exist yet", "`svcmgr daemon` creates it (mode 0700)");
        if (ProbeWrite(path) is { } error)
            return CheckStatus.Failed(name, $"{what} {path} is not writable: {error}", $"make it yours and private: `chown $USER {path} && chmod 700 {path}`");

        var mode = File.GetUnixFileMode(path);
        // A shared sticky directory (/tmp as SVCMGR_HOME, say) is left alone by the daemon too.
        if ((mode & GroupOrOther) != 0 && (mode & UnixFileMode.StickyBit) == 0)
            return CheckStatus.Warning(name, $"{what} {path} has mode {Octal(mode)}: other users can look inside", $"`chmod 700 {path}` (the daemon does this when it starts)");
        return CheckStatus.Passed(name, $"{what} {path} (mode {Octal(mode)}, writable)");
    }

    private static DoctorCheck Logs(DaemonPaths paths)
    {
        const string name = "logs-dir";
        var path = paths.LogsDirectory;
        if (!System.IO.Directory.Exists(path))
        {
            return System.IO.Directory.Exists(paths.StateDirectory)
                ? CheckStatus.Passed(name, $"logs directory {path} does not exist yet; it is made when an instance first writes output")
                : CheckStatus.Warning(name, $"logs directory {path} does not exist yet", "`svcmgr daemon` creates it with the state directory");
        }
        return ProbeWrite(path) is { } error
            ? CheckStatus.Failed(name, $"logs directory {path} is not writable: {error}", $"`chown -R $USER {path} && chmod 700 {path}`; until then instance output is lost")
            : CheckStatus.Passed(name, $"logs directory {path} (writable)");
    }

    /// <summary>Creates and removes a file: the only honest test of writability (ACLs, read-only mounts, root).</summary>
    private static string? ProbeWrite(string directory)
    {
        var probe = Path.Combine(directory, $".svcmgr-doctor-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xFFF, 8);
}
