using System.Collections;
using System.Diagnostics;
using System.Text;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Protocol.Client;

/// <summary>
/// Starts <c>svcmgr daemon</c> in the background when none answers — for <c>svcmgr start</c>/<c>create</c> and
/// <c>svcmgr mcp --start-daemon</c> — with the same executable, socket and config as this process, its output appended
/// to <c>daemon.log</c>, and waits until it answers <c>ping</c>. The daemon outlives its starter: it supervises what
/// the user started.
/// </summary>
/// <remarks>
/// Starters on the same runtime directory take turns through a lock file, so two racing CLIs start one daemon: the
/// second finds the first one's daemon answering. The daemon's own pidfile lock still keeps out any other (one started
/// by hand): a child that loses it exits, and the launcher then only waits for the winner to answer.
/// </remarks>
public sealed class DaemonLauncher : IDisposable
{
    /// <summary>How long a started daemon gets to answer: a JIT build on a loaded machine takes seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private const int OutputLines = 30;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly DaemonPaths _paths;
    private readonly BackgroundStart _background;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public DaemonLauncher(DaemonPaths paths, BackgroundStart background, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(background);
        _paths = paths;
        _background = background;
        _timeout = timeout ?? DefaultTimeout;
    }

    /// <summary>Where the started daemon's stdout and stderr go: its own log.</summary>
    public string LogFile => _paths.DaemonLogFile;

    /// <summary>Returns at once if a daemon answers; otherwise starts one and waits until it answers.</summary>
    /// <returns>The answering daemon's ping.</returns>
    /// <exception cref="DaemonStartException">The daemon could not be started, exited, or did not answer in time.</exception>
    public async Task<PingResult> EnsureRunningAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var deadline = Stopwatch.StartNew();
            if (await PingAsync(deadline, ct) is { } running) return running;
            using var turn = await TakeTurnAsync(deadline, ct);
            // Whoever had the turn before may have started one.
            if (await PingAsync(deadline, ct) is { } started) return started;
            return await StartAndWaitAsync(deadline, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<PingResult> StartAndWaitAsync(Stopwatch deadline, CancellationToken ct)
    {
        var logStart = Length(LogFile);
        var pid = Spawn();
        while (deadline.Elapsed < _timeout)
        {
            if (await PingAsync(deadline, ct) is { } ping) return ping;
            if (_background.TryGetExit(pid, out var exitCode))
            {
                // Lost the pidfile to a daemon started by other means: that one answers soon.
                if (await WaitForAnswerAsync(deadline, ct) is { } other) return other;
                throw new DaemonStartException(
                    $"`svcmgr daemon` exited with {exitCode} instead of answering; it said (in {LogFile}):\n{Since(LogFile, logStart)}", exitCode);
            }

            await Task.Delay(PollInterval, ct);
        }

        throw new DaemonStartException($"`svcmgr daemon` (pid {pid}) did not answer on {_paths.SocketPath} within {(int)_timeout.TotalSeconds}s; see {LogFile}");
    }

    private async Task<PingResult?> WaitForAnswerAsync(Stopwatch deadline, CancellationToken ct)
    {
        while (deadline.Elapsed < _timeout && File.Exists(_paths.PidFile))
        {
            if (await PingAsync(deadline, ct) is { } ping) return ping;
            await Task.Delay(PollInterval, ct);
        }

        return null;
    }

    /// <summary>The start lock of the runtime directory, held until disposed; waits while another starter holds it.</summary>
    private async Task<FileStream> TakeTurnAsync(Stopwatch deadline, CancellationToken ct)
    {
        Directory.CreateDirectory(_paths.RuntimeDirectory, OwnerOnly);
        var path = Path.Combine(_paths.RuntimeDirectory, "svcmgr.start.lock");
        while (true)
        {
            try
            {
                // FileShare.None is flock(LOCK_EX | LOCK_NB) on Unix; the lock dies with its holder.
                return new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
            catch (IOException) when (deadline.Elapsed < _timeout)
            {
                await Task.Delay(PollInterval, ct);
            }
            catch (IOException ex)
            {
                throw new DaemonStartException($"another svcmgr has been starting the daemon for {(int)_timeout.TotalSeconds}s ({path} is locked); see {LogFile}", ex);
            }
        }
    }

    /// <summary>
    /// The daemon's answer; null when nothing listens on the socket (or the connection ends at once). A daemon that
    /// accepts the connection is there, however busy (it answers once its start-up is done): it gets until the deadline.
    /// </summary>
    private async Task<PingResult?> PingAsync(Stopwatch deadline, CancellationToken ct)
    {
        DaemonClient client;
        try
        {
            client = await DaemonClient.ConnectAsync(_paths.SocketPath, ct);
        }
        catch (DaemonUnreachableException)
        {
            return null;
        }

        await using (client)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_timeout - deadline.Elapsed is { Ticks: > 0 } left ? left : TimeSpan.Zero);
            try
            {
                return await client.PingAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is DaemonUnreachableException or RpcErrorException)
            {
                return null;
            }
            catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new DaemonStartException($"a daemon listens on {_paths.SocketPath} but did not answer within {(int)_timeout.TotalSeconds}s; see {LogFile}", ex);
            }
        }
    }

    private int Spawn()
    {
        var (program, arguments) = DaemonCommandLine(_paths);
        try
        {
            Directory.CreateDirectory(_paths.StateDirectory, OwnerOnly);
            return _background.Start(program, arguments, CurrentEnvironment(), WorkingDirectory(), LogFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DaemonStartException($"could not start `svcmgr daemon`: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// <c>svcmgr-daemon daemon</c>, the sibling executable of this installation that runs the daemon (the native file
    /// beside this program, or <c>dotnet svcmgr-daemon.dll</c> in a JIT build: <see cref="SiblingExecutables"/>),
    /// whichever front end starts it (svcmgr, svcmgr-mcp). The socket and config are passed on, so the daemon serves
    /// the paths this process was told about.
    /// </summary>
    public static (string Program, IReadOnlyList<string> Arguments) DaemonCommandLine(DaemonPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var daemon = SiblingExecutables.Locate(SiblingExecutables.Daemon);
        if (!daemon.IsInstalled)
            throw new DaemonStartException($"cannot start the daemon: {daemon.File} is missing; install every file of artifacts/ into one directory");
        var argv = daemon.Argv(["daemon", "--socket", paths.SocketPath, "--config", paths.ConfigPath]);
        return (daemon.Program, [.. argv.Skip(1)]);
    }

    private static Dictionary<string, string> CurrentEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            if (entry.Key is string key && entry.Value is string value) result[key] = value;
        return result;
    }

    // A long-lived daemon should not pin the directory its starter happened to run in.
    private static string WorkingDirectory() =>
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home && Directory.Exists(home) ? home : "/";

    private static long Length(string file) => File.Exists(file) ? new FileInfo(file).Length : 0;

    /// <summary>The last lines the file got since it was <paramref name="offset"/> bytes long: what the child wrote.</summary>
    private static string Since(string file, long offset)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return lines.Length == 0 ? "(nothing)" : string.Join('\n', lines.TakeLast(OutputLines));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(cannot read it: {ex.Message})";
        }
    }

    public void Dispose() => _gate.Dispose();
}
