using System.CommandLine;
using ServiceManager.Protocol;

namespace ServiceManager.Mcp;

/// <summary><c>svcmgr mcp [--start-daemon]</c>.</summary>
public static class McpCommand
{
    /// <param name="resolvePaths">How the CLI turns its global options (<c>--socket</c>, <c>--config</c>) into paths.</param>
    public static Command Create(Func<ParseResult, DaemonPaths> resolvePaths)
    {
        var startDaemon = new Option<bool>("--start-daemon")
        {
            Description = "Start `svcmgr daemon` in the background when none is running (it keeps running after this server exits)",
        };
        var command = new Command("mcp", "Serve the Model Context Protocol on stdin/stdout, so AI assistants can manage processes through the daemon")
        {
            startDaemon,
        };
        command.SetAction((parse, ct) => McpServerHost.RunAsync(resolvePaths(parse), parse.GetValue(startDaemon), ct));
        return command;
    }
}
