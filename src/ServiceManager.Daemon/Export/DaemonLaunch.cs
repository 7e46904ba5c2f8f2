using ServiceManager.Protocol;

namespace ServiceManager.Daemon.Export;

/// <summary>
/// How a boot unit starts this installation's daemon so that it is the one the user's CLI talks to: the
/// <c>svcmgr-daemon</c> beside the running program, svcmgr's global options as given, and the variables that decide
/// svcmgr's paths (<see cref="DaemonPaths.Resolve"/>) as the shell that asked for the unit has them.
/// </summary>
/// <param name="Argv">Program (absolute), then its arguments, ending with <c>daemon</c>.</param>
/// <param name="Environment">The variables to set, in a stable order.</param>
/// <param name="UserName">Who runs the daemon (a system unit's <c>User=</c>); null for root.</param>
public sealed record DaemonLaunch(
    IReadOnlyList<string> Argv,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    DaemonPaths Paths,
    string? UserName)
{
    /// <summary>The variables that choose svcmgr's files, and PATH (children find their programs by it, as in the shell).
    /// <c>XDG_RUNTIME_DIR</c> only for a system unit: a user unit gets it from systemd's user manager.</summary>
    private static readonly string[] _userVariables = ["SVCMGR_HOME", "SVCMGR_CONFIG", "SVCMGR_SOCKET", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "PATH"];

    /// <param name="globalArguments">svcmgr's global options as given (<c>--socket S</c>, <c>--config C</c>), made absolute.</param>
    public static DaemonLaunch ForThisInstallation(DaemonPaths paths, IReadOnlyList<string> globalArguments, bool userUnit, Func<string, string?> getEnv, int uid, string userName)
    {
        var daemon = SiblingExecutables.Locate(SiblingExecutables.Daemon);
        var names = userUnit ? _userVariables : [.. _userVariables, "XDG_RUNTIME_DIR"];
        var environment = names
            .Select(n => (Name: n, Value: getEnv(n)))
            .Where(v => !string.IsNullOrEmpty(v.Value))
            .Select(v => KeyValuePair.Create(v.Name, v.Name is "SVCMGR_HOME" or "SVCMGR_CONFIG" or "SVCMGR_SOCKET" ? Path.GetFullPath(v.Value!) : v.Value!))
            .ToList();
        return new DaemonLaunch(daemon.Argv([.. globalArguments, "daemon"]), environment, paths, uid == 0 ? null : userName);
    }

    public string? Variable(string name) => Environment.FirstOrDefault(e => e.Key == name).Value;
}
