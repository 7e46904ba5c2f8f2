using System.Collections;
using System.Diagnostics;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;
using ServiceManager.Text;

namespace ServiceManager.Mcp.Daemon;

/// <summary>
/// Starts <c>svcmgr daemon</c> in the background (for <c>svcmgr mcp --start-daemon</c>) with the same executable,
/// socket and config as this process, and waits until it answers <c>ping</c>. The daemon is left running when the
/// MCP server exits: it supervises processes the assistant started and must outlive the assistant's session.
/// </summary>
public sealed class DaemonLauncher : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly DaemonPaths _paths;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public DaemonLauncher(DaemonPaths paths) => _paths = paths;

    /// <summary>Where the started daemon's stdout and stderr go (its own log is <c>daemon.log</c> beside it).</summary>
    public string OutputFile => Path.Combine(_paths.StateDirectory, "daemon.out");

    /// <summary>Returns at once if a daemon answers; otherwise starts one and waits for it.</summary>
    /// <exception cref="DaemonStartException">The daemon could not be started or did not answer in time.</exception>
    public async Task EnsureRunningAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (await PingsAsync(ct)) return;
            var pid = Spawn();
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < StartTimeout)
            {
                if (await PingsAsync(ct)) return;
                // Another daemon may have won the pidfile race: then the ping above succeeds soon after our child exits.
                if (DetachedProcess.HasExited(pid))
                {
                    if (await PingsAsync(ct)) return;
                    throw new DaemonStartException($"`svcmgr daemon` exited right after it was started; its output ({OutputFile}):\n{Tail(OutputFile)}");
                }

                await Task.Delay(50, ct);
            }

            throw new DaemonStartException($"`svcmgr daemon` (pid {pid}) did not answer on {_paths.SocketPath} within {HumanText.Delay(StartTimeout)}; see {OutputFile}");
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> PingsAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await using var client = await DaemonClient.ConnectAsync(_paths.SocketPath, timeout.Token);
            await client.PingAsync(timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is DaemonUnreachableException or RpcErrorException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    private int Spawn()
    {
        var (program, argv) = DaemonCommandLine();
        try
        {
            Directory.CreateDirectory(_paths.StateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return DetachedProcess.Start(program, argv, CurrentEnvironment(), WorkingDirectory(), OutputFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DaemonStartException($"could not start `svcmgr daemon`: {ex.Message}", ex);
        }
    }

    /// <summary>The same svcmgr that runs this server: the native executable, or <c>dotnet svcmgr.dll</c> in a JIT build.</summary>
    private (string Program, IReadOnlyList<string> Argv) DaemonCommandLine()
    {
        var executable = Environment.ProcessPath ?? throw new DaemonStartException("cannot tell which executable runs svcmgr");
        List<string> argv = ["daemon", "--socket", _paths.SocketPath, "--config", _paths.ConfigPath];
        var entry = Environment.GetCommandLineArgs()[0];
        if (Path.GetFileNameWithoutExtension(executable) == "dotnet" && entry.EndsWith(".dll", StringComparison.Ordinal))
            argv.Insert(0, Path.GetFullPath(entry));
        return (executable, argv);
    }

    private static Dictionary<string, string> CurrentEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            if (entry.Key is string key && entry.Value is string value) result[key] = value;
        return result;
    }

    // A long-lived daemon should not pin the directory the assistant happened to start us in.
    private static string WorkingDirectory() =>
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home && Directory.Exists(home) ? home : "/";

    private static string Tail(string file)
    {
        try
        {
            return string.Join('\n', File.ReadLines(file).TakeLast(20));
        }
        catch (IOException ex)
        {
            return $"(cannot read it: {ex.Message})";
        }
    }

    public void Dispose() => _gate.Dispose();
}
