using System.CommandLine;
using ServiceManager.Cli;
using ServiceManager.Mcp.Host;
using ServiceManager.Platform.Unix;

// It may start the daemon (--start-daemon) and wait for it: SIGCHLD must not be inherited as ignored.
ChildSignals.EnsureDefaultDisposition();

var root = new RootCommand("svcmgr-mcp: the svcmgr MCP server (`svcmgr mcp` runs it)")
{
    GlobalOptions.Socket,
    GlobalOptions.Config,
    McpCommand.Create(),
};
return await CommandLineEntry.RunAsync(root, args);
