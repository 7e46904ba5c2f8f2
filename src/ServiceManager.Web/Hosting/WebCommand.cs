using System.CommandLine;
using ServiceManager.Protocol;

namespace ServiceManager.Web.Hosting;

/// <summary>
/// <c>svcmgr-web [--listen ADDR:PORT] [--token-file FILE] [--socket PATH]</c>, what <c>svcmgr web</c> runs. Refuses
/// (exit 64) to listen beyond loopback without a token.
/// </summary>
internal static class WebCommand
{
    public static async Task<int> RunAsync(string[] args)
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
        var socket = new Option<string?>("--socket")
        {
            Description = "Path of the daemon's socket (default: $SVCMGR_SOCKET, $SVCMGR_HOME/svcmgr.sock or $XDG_RUNTIME_DIR/svcmgr/svcmgr.sock)",
        };
        var config = new Option<string?>("--config") { Description = "Accepted for symmetry with svcmgr; the web front end reads no config" };
        var root = new RootCommand("svcmgr web: the HTTP API, WebSocket events and web dashboard of the svcmgr daemon")
        {
            listen, tokenFile, socket, config,
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await Console.Error.WriteLineAsync($"svcmgr web: {error.Message}");
            return ExitCodes.Usage;
        }

        root.SetAction(async (result, ct) =>
        {
            WebOptions options;
            try
            {
                options = Options(result.GetValue(listen)!, result.GetValue(tokenFile),
                    DaemonPaths.FromEnvironment(result.GetValue(socket), result.GetValue(config)));
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync($"svcmgr web: {ex.Message}");
                return ExitCodes.Usage;
            }

            return await WebServer.RunAsync(options, ct);
        });
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
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
