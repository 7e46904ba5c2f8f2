using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ServiceManager.Web.Tests.Infrastructure;

/// <summary>A real <c>svcmgr web</c> (the built svcmgr.dll handing over to svcmgr-web.dll) on a private SVCMGR_HOME, on a port it picks itself.</summary>
internal sealed partial class WebProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    /// <summary>http://127.0.0.1:PORT/, as the server announced it.</summary>
    public Uri BaseUri { get; private set; } = null!;

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary><c>svcmgr web ARGS</c> through the real lean CLI, which hands the command over to svcmgr-web with
    /// <c>exec</c>: the process started is the server (same pid), as for a user.</summary>
    public static ProcessStartInfo StartInfo(string home, IEnumerable<string> args) => Svcmgr.StartInfo(home, ["web", .. args]);

    /// <summary>Starts it on 127.0.0.1:0 (plus <paramref name="extraArgs"/>) and waits for its "listening on" line.</summary>
    public static async Task<WebProcess> StartAsync(string home, params string[] extraArgs)
    {
        var args = extraArgs.Contains("--listen") ? extraArgs : ["--listen", "127.0.0.1:0", .. extraArgs];
        return await StartAsync(StartInfo(home, args));
    }

    /// <summary>Starts <paramref name="info"/> (a svcmgr command line that serves) and waits for its "listening on" line.</summary>
    public static async Task<WebProcess> StartAsync(ProcessStartInfo info)
    {
        var web = new WebProcess(Process.Start(info)!);
        web.Process.StandardInput.Close();
        try
        {
            using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
            var exited = web.Process.WaitForExitAsync(timeout.Token);
            var first = await Task.WhenAny(web._listening.Task, exited);
            if (first != web._listening.Task)
                throw new InvalidOperationException($"svcmgr-web did not start (exit {(web.Process.HasExited ? web.Process.ExitCode : -1)}):\n{web.Output}");
            web.BaseUri = await web._listening.Task;
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }

        return web;
    }

    /// <summary>Runs it to completion (for arguments it must refuse); killed past a deadline.</summary>
    public static async Task<CliResult> RunToExitAsync(string home, params string[] args)
    {
        using var process = Process.Start(StartInfo(home, args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"svcmgr-web {string.Join(' ', args)} kept running: {await stdout}{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromMinutes(1) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public Uri WebSocketUri(string pathAndQuery) => new($"ws://{BaseUri.Authority}{pathAndQuery}");

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (Listening().Match(line) is { Success: true } match) _listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex Listening();

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            ServiceManager.Platform.Unix.UnixProcess.Signal(Process.Id, 15);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await Process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Process.Kill(entireProcessTree: true);
            }
        }

        Process.Dispose();
    }
}
