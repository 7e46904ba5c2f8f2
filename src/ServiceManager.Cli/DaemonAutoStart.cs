using System.CommandLine;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;

namespace ServiceManager.Cli;

/// <summary>
/// pm2's habit: <c>svcmgr start</c> and <c>svcmgr create</c> start the daemon in the background when none answers,
/// say so on stderr, then do their work. Every other command reports a missing daemon (exit 2).
/// </summary>
internal static class DaemonAutoStart
{
    /// <summary>Set (to anything but empty, 0, false or no) to turn auto-start off, e.g. in scripts that manage the daemon themselves.</summary>
    public const string DisableVariable = "SVCMGR_NO_AUTOSTART";

    public static readonly Option<bool> Disable = new("--no-daemon-autostart")
    {
        Description = $"Do not start the daemon when none is running; exit 2 instead (also: {DisableVariable}=1)",
    };

    /// <summary>Whether this command may start the daemon (it takes <see cref="Disable"/>, which was not given).</summary>
    public static bool Wanted(ParseResult parse) =>
        !parse.GetValue(Disable) && Environment.GetEnvironmentVariable(DisableVariable) is null or "" or "0" or "false" or "no";

    /// <exception cref="DaemonStartException">The daemon could not be started or did not answer in time.</exception>
    public static async Task StartAsync(DaemonPaths paths, CancellationToken ct)
    {
        using var launcher = new DaemonLauncher(paths, new BackgroundStart(DetachedProcess.Start, DetachedProcess.TryGetExit));
        await Console.Error.WriteLineAsync($"svcmgr: no daemon is running; starting one in the background (its log: {launcher.LogFile})");
        await launcher.EnsureRunningAsync(ct);
    }
}
