namespace ServiceManager.Daemon.Host.Doctor;

/// <summary>What the pidfile says: absent, locked by a live daemon, or left behind (unlocked) with the pid it names.</summary>
internal sealed record PidFileState(bool Exists, bool Locked, int? Pid)
{
    /// <summary>
    /// The daemon holds an exclusive flock on its pidfile for its whole life. Opening it read-only asks .NET for a
    /// shared flock, which fails while the daemon lives and succeeds once it is gone, killed or not.
    /// </summary>
    /// <remarks>The shared lock is held for the moment of one read; a daemon starting in that very moment would see
    /// "another daemon is running" and could simply be started again.</remarks>
    public static PidFileState Probe(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(file);
            var text = reader.ReadToEnd().Trim();
            return new PidFileState(true, false, int.TryParse(text, out var pid) && pid > 0 ? pid : null);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new PidFileState(false, false, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Locked (or not ours to read, which cannot be called stale either).
            return new PidFileState(true, true, null);
        }
    }
}
