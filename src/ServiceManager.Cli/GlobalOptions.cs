using System.CommandLine;
using ServiceManager.Protocol;

namespace ServiceManager.Cli;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Socket = new("--socket")
    {
        Description = "Path of the daemon's socket (default: $SVCMGR_SOCKET, $SVCMGR_HOME/svcmgr.sock or $XDG_RUNTIME_DIR/svcmgr/svcmgr.sock)",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Config file the daemon loads (default: $SVCMGR_CONFIG, $SVCMGR_HOME/services.toml or ~/.config/svcmgr/services.toml)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Print JSON instead of a table" };

    public static DaemonPaths Paths(ParseResult parse) =>
        DaemonPaths.FromEnvironment(parse.GetValue(Socket), parse.GetValue(Config));
}
