using System.Diagnostics;

namespace ServiceManager.TestSupport;

/// <summary>
/// A private tmux server (its own socket name, no user config) holding one detached session of a fixed size: the
/// test's terminal (for `svcmgr top` and `svcmgr repl`). Keys go in with send-keys, the screen comes out with capture-pane.
/// </summary>
public sealed class Tmux : IAsyncDisposable
{
    private readonly string _server = $"svcmgr-test-{Guid.NewGuid():N}";
    private const string Session = "term";

    public static async Task<Tmux> StartAsync(int width, int height, IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        var tmux = new Tmux();
        List<string> args = ["new-session", "-d", "-s", Session, "-x", $"{width}", "-y", $"{height}"];
        foreach (var (name, value) in environment) args.AddRange(["-e", $"{name}={value}"]);
        args.AddRange(command);
        await tmux.RunAsync([.. args]);
        return tmux;
    }

    public Task SendKeysAsync(params string[] keys) => RunAsync(["send-keys", "-t", Session, .. keys]);

    public Task<string> CaptureAsync() => RunAsync(["capture-pane", "-p", "-t", Session]);

    /// <summary>The pid of the pane's first process (the shell the test starts the program under).</summary>
    public async Task<int> PanePidAsync() =>
        int.Parse((await RunAsync(["display-message", "-p", "-t", Session, "#{pane_pid}"])).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Ends the server and with it the terminal: the pane's processes get SIGHUP, as when a window closes.</summary>
    public Task KillServerAsync() => RunAsync(["kill-server"]);

    private async Task<string> RunAsync(string[] args)
    {
        var info = new ProcessStartInfo("tmux")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-L", _server, "-f", "/dev/null", .. args]) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(' ', args)}: exit {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(["kill-server"]);
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to clean up.
        }
    }
}
