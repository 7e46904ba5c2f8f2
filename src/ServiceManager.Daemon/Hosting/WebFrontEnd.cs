using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceManager.Config.Model;
using ServiceManager.Protocol;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// With <c>[web] listen</c>, the daemon runs <c>svcmgr-web</c> (one more client of its socket) and starts it again
/// when it exits, backing off from 1 s to 30 s while it keeps failing; on shutdown it is stopped first (SIGTERM),
/// before the fleet. Its output goes to the daemon's log. It is not an instance: it does not appear in the list and
/// a reload does not touch it (docs/web.md).
/// </summary>
internal sealed class WebFrontEnd(ConfigStore config, DaemonPaths paths, TimeProvider time, ILogger<WebFrontEnd> logger) : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>A run at least this long counts as healthy: the next failure backs off from the start again.</summary>
    private static readonly TimeSpan StableRun = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>svcmgr-web's exit code for a bad address or token file: starting it again cannot help.</summary>
    private const int UsageExit = 64;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (config.Current.Web is not { } web) return;
        var backoff = FirstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            var exit = await RunOnceAsync(web, stoppingToken);
            if (stoppingToken.IsCancellationRequested) return;
            if (exit == UsageExit)
            {
                logger.LogError("web: svcmgr-web refused [web] (exit {Exit}; its message is above); not starting it again until the daemon restarts", exit);
                return;
            }

            if (time.GetElapsedTime(started) >= StableRun) backoff = FirstBackoff;
            logger.LogWarning("web: svcmgr-web exited with {Exit}; starting it again in {Delay}", exit, backoff);
            try
            {
                await Task.Delay(backoff, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    /// <summary>Runs it until it exits (its exit code) or the daemon stops (it is stopped, then -1).</summary>
    private async Task<int> RunOnceAsync(WebSettings web, CancellationToken stoppingToken)
    {
        Process process;
        try
        {
            process = Process.Start(StartInfo(web))!;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            logger.LogError(ex, "web: cannot start svcmgr-web");
            return -1;
        }

        using (process)
        {
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) logger.LogInformation("web: {Line}", e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) logger.LogWarning("web: {Line}", e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            logger.LogInformation("web: started svcmgr-web (pid {Pid}) on {Listen}", process.Id, web.Listen);
            try
            {
                await process.WaitForExitAsync(stoppingToken);
                return process.ExitCode;
            }
            catch (OperationCanceledException)
            {
                await StopAsync(process);
                return -1;
            }
        }
    }

    private async Task StopAsync(Process process)
    {
        if (process.HasExited) return;
        ServiceManager.Platform.Unix.UnixProcess.Signal(process.Id, 15);
        using var grace = new CancellationTokenSource(StopGrace, time);
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("web: svcmgr-web did not stop within {Grace}; killing it", StopGrace);
            process.Kill();
        }
    }

    /// <summary><c>svcmgr-web web --listen … --socket …</c>: the command line <c>svcmgr web</c> hands it, so it runs
    /// exactly as a user's would (the native sibling beside this executable, or its dll under the same dotnet).</summary>
    private ProcessStartInfo StartInfo(WebSettings web)
    {
        var sibling = SiblingExecutables.Locate(SiblingExecutables.Web);
        var info = new ProcessStartInfo(sibling.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // --daemon-pid: it stops by itself if this daemon dies without stopping it (SIGKILL).
        List<string> args = ["web", "--listen", web.Listen, "--socket", paths.SocketPath, "--daemon-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)];
        if (web.TokenFile is not null) args.AddRange(["--token-file", web.TokenFile]);
        foreach (var arg in sibling.Argv(args).Skip(1)) info.ArgumentList.Add(arg);
        return info;
    }
}
