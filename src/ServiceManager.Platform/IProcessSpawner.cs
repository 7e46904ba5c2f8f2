namespace ServiceManager.Platform;

/// <summary>Starts children in their own session with piped stdout/stderr, stdin from /dev/null and no leaked fds.</summary>
public interface IProcessSpawner
{
    /// <exception cref="SpawnException">The program could not be started (not found, not executable, bad cwd...).</exception>
    IChildProcess Spawn(SpawnRequest request, IChildOutputSink sink);
}
