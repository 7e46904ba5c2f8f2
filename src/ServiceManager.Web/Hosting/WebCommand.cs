using System.CommandLine;
using ServiceManager.Cli;
using ServiceManager.Cli.Handover;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;

namespace ServiceManager.Web.Hosting;

/// <summary>
/// <c>svcmgr web [--listen ADDR:PORT] [--token-file FILE]</c>: svcmgr hands the command over to this executable with
/// its whole command line (global options included), as it does <c>daemon</c> and <c>top</c>, and the daemon runs it
/// the same way for <c>[web] listen</c>. Refuses (exit 64) to listen beyond loopback without a token.
/// </summary>
internal static class WebCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("svcmgr-web: the HTTP API, WebSocket events and web dashboard of the svcmgr daemon (`svcmgr web` runs it)")
        {
            GlobalOptions.Socket,
            GlobalOptions.Config,
            Create(),
        };
        return CommandLineEntry.RunAsync(root, args);
    }

    private static Command Create()
    {
        var listen = new Option<string>("--listen")
        {
            Description = $"ADDR:PORT to serve on (default {ListenAddress.Default}); beyond loopback a token is required",
            DefaultValueFactory = _ => ListenAddress.Default,
        };
        var tokenFile = new Option<string?>("--token-file")
        {
            Description = "File holding the token every request must present (Authorization: Bearer TOKEN, or the dashboard's login)",
        };
        var daemonPid = new Option<int?>("--daemon-pid")
        {
            Description = "Stop when this process exits (the daemon passes its pid when [web] listen makes it run svcmgr-web)",
            Hidden = true,
        };
        var command = SiblingCommands.Web.Declare();
        command.Options.Add(listen);
        command.Options.Add(tokenFile);
        command.Options.Add(daemonPid);
        command.SetAction(async (parse, ct) =>
        {
            WebOptions options;
            try
            {
                options = Options(parse.GetValue(listen)!, parse.GetValue(tokenFile), GlobalOptions.Paths(parse));
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync($"svcmgr web: {ex.Message}");
                return ExitCodes.Usage;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (parse.GetValue(daemonPid) is { } pid) _ = StopWhenGoneAsync(pid, stop);
            return await WebServer.RunAsync(options, stop.Token);
        });
        return command;
    }

    /// <summary>A daemon killed with SIGKILL cannot stop the svcmgr-web it runs: without this it would live on,
    /// answering 503 and holding the port the next daemon's svcmgr-web needs.</summary>
    private static async Task StopWhenGoneAsync(int daemonPid, CancellationTokenSource stop)
    {
        await ParentWatch.WhenGoneAsync(daemonPid);
        await Console.Error.WriteLineAsync($"svcmgr web: the daemon that runs it (pid {daemonPid}) is gone; stopping");
        try
        {
            await stop.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The server stopped on its own first.
        }
    }

    /// <exception cref="FormatException">A bad address or token file, or a non-loopback address without a token.</exception>
    public static WebOptions Options(string listenText, string? tokenFile, DaemonPaths paths)
    {
        var listen = ListenAddress.Parse(listenText);
        var token = tokenFile is null ? null : TokenFile.Read(tokenFile);
        if (!listen.IsLoopback && token is null)
            throw new FormatException(
                $"refusing to listen on {listen} without a token: anyone who can reach it could start and stop your services. " +
                "Give --token-file FILE (or [web] token_file in the config), or listen on 127.0.0.1");
        return new WebOptions(listen, token, paths);
    }
}
