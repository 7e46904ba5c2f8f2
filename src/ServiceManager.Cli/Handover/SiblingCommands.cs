using System.CommandLine;
using ServiceManager.Protocol;

namespace ServiceManager.Cli.Handover;

/// <summary>A command that <c>svcmgr</c> hands over to a sibling executable.</summary>
internal sealed record SiblingCommand(string Name, string Executable, string Description, params string[] Aliases)
{
    /// <summary>The command as both executables declare it: svcmgr's stand-in (for its help and the hand-over) and
    /// the sibling's real one (which adds options and the action) share name, aliases and description.</summary>
    public Command Declare()
    {
        var command = new Command(Name, Description);
        foreach (var alias in Aliases) command.Aliases.Add(alias);
        return command;
    }

    public bool Answers(string word) => word == Name || Aliases.Contains(word);
}

/// <summary>
/// The commands <c>svcmgr</c> does not run itself: each is handed over with <c>exec</c> to the sibling executable
/// beside it (as git does), so a short client call never pays for the daemon, the TUI, the MCP server or Kestrel. Adding one is
/// a line here (and the sibling's project). Linked into the siblings, which declare the same commands.
/// </summary>
internal static class SiblingCommands
{
    public static readonly SiblingCommand Daemon = new("daemon", SiblingExecutables.Daemon,
        "Run the daemon in the foreground; SIGTERM/SIGINT stop every child gracefully, then exit 0");

    public static readonly SiblingCommand Top = new("top", SiblingExecutables.Top,
        "Full-screen dashboard: watch, start, stop, restart, remove and read the logs of instances (keys: ? for help)", "monit");

    public static readonly SiblingCommand Mcp = new("mcp", SiblingExecutables.Mcp,
        "Serve the Model Context Protocol on stdin/stdout, so AI assistants can manage processes through the daemon");

    public static readonly SiblingCommand Web = new("web", SiblingExecutables.Web,
        "Serve the HTTP API, WebSocket events and web dashboard on 127.0.0.1:8767 (a client of the daemon, like the CLI)");

    /// <summary>With no daemon it reads the config itself, which svcmgr does not carry (docs/architecture.md).</summary>
    public static readonly SiblingCommand Doctor = new("doctor", SiblingExecutables.Daemon,
        "Check paths, permissions, socket, config, port conflicts and lost children");

    /// <summary>Boot units for the daemon of this installation: it knows where <c>svcmgr-daemon</c> is.</summary>
    public static readonly SiblingCommand Startup = new("startup", SiblingExecutables.Daemon,
        "Print or write a boot unit for the daemon: startup systemd [--user], startup launchd");

    /// <summary>Reads the config and state.json, which svcmgr does not.</summary>
    public static readonly SiblingCommand Export = new("export", SiblingExecutables.Daemon,
        "Export the fleet: export systemd DIR, export compose FILE, export toml [FILE] (config and run-time instances)");

    /// <summary>The config check without a daemon: it needs the config reader.</summary>
    public static readonly SiblingCommand Validate = new("validate", SiblingExecutables.Daemon,
        "Check a config file without a daemon (CI, pre-commit): every error with file:line:column and key, exit 3; else a one-line summary");

    /// <summary>Writes a config from another tool's: it needs the config writer and reader.</summary>
    public static readonly SiblingCommand Import = new("import", SiblingExecutables.Daemon,
        "Convert another process manager's config to svcmgr's TOML (import pm2 FILE)");

    public static readonly IReadOnlyList<SiblingCommand> All = [Daemon, Top, Mcp, Web, Doctor, Startup, Export, Validate, Import];

    public static SiblingCommand? Find(string word) => All.FirstOrDefault(c => c.Answers(word));
}
