using System.Text;

namespace ServiceManager.Daemon.Export;

/// <summary>The boot units of <c>svcmgr startup</c>: a systemd service (<c>Type=notify</c>: the daemon reports
/// <c>READY=1</c> itself) and a launchd agent.</summary>
public static class DaemonUnits
{
    /// <summary>The file a unit is installed as.</summary>
    public const string SystemdUnitName = "svcmgr.service";

    public const string LaunchdLabel = "dev.svcmgr.daemon";

    /// <param name="userUnit"><c>--user</c>: for the user's own systemd manager (no <c>User=</c>, wanted by
    /// <c>default.target</c>); otherwise a system unit running as the invoking user.</param>
    public static string Systemd(DaemonLaunch launch, bool userUnit)
    {
        var unit = new UnitFile().Comment(
            $"The svcmgr daemon, written by `svcmgr startup systemd{(userUnit ? " --user" : "")}` (docs/cli.md#svcmgr-startup).");
        var section = unit["Unit"]
            .Set("Description", "svcmgr service manager daemon")
            .Set("Documentation", "man:systemd.service(5)");
        if (!userUnit)
        {
            section.Set("After", "network.target");
            // A daemon whose socket lives in /run/user/UID needs that directory, which logind makes at login (or always, with linger).
            if (launch.Variable("XDG_RUNTIME_DIR") is { } runtime && runtime.StartsWith("/run/user/", StringComparison.Ordinal) && runtime[10..].All(char.IsAsciiDigit))
            {
                section.Set("Requires", $"user-runtime-dir@{runtime[10..]}.service");
                section.Set("After", $"user-runtime-dir@{runtime[10..]}.service");
            }
        }

        var service = unit["Service"]
            .Set("Type", "notify")
            .Set("NotifyAccess", "main")
            .Set("ExecStart", SystemdText.ExecLine(launch.Argv))
            // SIGHUP is the daemon's reload (docs/cli.md#svcmgr-reload).
            .Set("ExecReload", "/bin/kill -HUP $MAINPID")
            .Set("Restart", "on-failure")
            .Set("RestartSec", "2s")
            // Exit 3: the config is invalid; starting again changes nothing until it is fixed (`svcmgr validate`).
            .Set("RestartPreventExitStatus", "3")
            .Comment("SIGTERM to the daemon alone: it stops every child with its own signal and grace, then exits.\nWhat is left when the timeout ends is killed, the whole cgroup.")
            .Set("KillMode", "mixed")
            .Set("TimeoutStopSec", "5min")
            // The daemon puts each child in a cgroup of its own below its own (docs/containment.md).
            .Set("Delegate", "yes");
        if (!userUnit && launch.UserName is { } user) service.Set("User", user);
        foreach (var (name, value) in launch.Environment) service.Set("Environment", SystemdText.EnvironmentAssignment(name, value));
        unit["Install"].Set("WantedBy", userUnit ? "default.target" : "multi-user.target");
        return unit.Render();
    }

    /// <summary>How to install what <see cref="Systemd"/> wrote, for the user (printed on stderr).</summary>
    public static string SystemdInstructions(bool userUnit, string? writtenTo) => userUnit
        ? $"""
          install it:
            mkdir -p ~/.config/systemd/user && {Save(writtenTo, "svcmgr startup systemd --user", "~/.config/systemd/user/" + SystemdUnitName)}
            systemctl --user daemon-reload && systemctl --user enable --now svcmgr
            loginctl enable-linger "$USER"    # start at boot, not at your first login
          """
        : $"""
          install it (as root):
            {Save(writtenTo, "svcmgr startup systemd", "/etc/systemd/system/" + SystemdUnitName)}
            systemctl daemon-reload && systemctl enable --now svcmgr
          """;

    public static string Launchd(DaemonLaunch launch)
    {
        var text = new StringBuilder("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <!-- The svcmgr daemon, written by `svcmgr startup launchd` (docs/cli.md#svcmgr-startup). -->
            <plist version="1.0">
            <dict>

            """);
        Key(text, "Label").Append("  <string>").Append(LaunchdLabel).Append("</string>\n");
        Key(text, "ProgramArguments").Append("  <array>\n");
        foreach (var word in launch.Argv) text.Append("    <string>").Append(Xml(word)).Append("</string>\n");
        text.Append("  </array>\n");
        if (launch.Environment.Count > 0)
        {
            Key(text, "EnvironmentVariables").Append("  <dict>\n");
            foreach (var (name, value) in launch.Environment)
                text.Append("    <key>").Append(Xml(name)).Append("</key>\n    <string>").Append(Xml(value)).Append("</string>\n");
            text.Append("  </dict>\n");
        }

        Key(text, "RunAtLoad").Append("  <true/>\n");
        // Started again when it fails, not when it was stopped on purpose (as systemd's Restart=on-failure).
        Key(text, "KeepAlive").Append("  <dict>\n    <key>SuccessfulExit</key>\n    <false/>\n  </dict>\n");
        Key(text, "StandardOutPath").Append("  <string>").Append(Xml(Path.Combine(launch.Paths.StateDirectory, "launchd.out.log"))).Append("</string>\n");
        Key(text, "StandardErrorPath").Append("  <string>").Append(Xml(Path.Combine(launch.Paths.StateDirectory, "launchd.err.log"))).Append("</string>\n");
        return text.Append("</dict>\n</plist>\n").ToString();
    }

    public static string LaunchdInstructions(string? writtenTo) =>
        $"""
        install it:
          {Save(writtenTo, "svcmgr startup launchd", $"~/Library/LaunchAgents/{LaunchdLabel}.plist")}
          launchctl load -w ~/Library/LaunchAgents/{LaunchdLabel}.plist
        """;

    /// <summary>The step that puts the unit where its manager looks: a copy of the written file, or the command again with a redirect.</summary>
    private static string Save(string? writtenTo, string command, string destination) =>
        writtenTo is null ? $"{command} > {destination}" : $"cp {writtenTo} {destination}";

    private static StringBuilder Key(StringBuilder text, string key) => text.Append("  <key>").Append(key).Append("</key>\n");

    private static string Xml(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);
}
