namespace ServiceManager.Platform.Unix;

/// <summary>
/// One thing a child does to itself between spawn and exec, as a fragment of <c>/bin/sh</c> run in the child's
/// process (so <c>$$</c> is the pid the program will have). The fragment reads its values as <c>"$1"</c>,
/// <c>"$2"</c>… from <see cref="Arguments"/>, never from text pasted into the script, so no value needs quoting.
/// It must fail with a message on stderr and a non-zero exit rather than let the program run without it.
/// </summary>
/// <remarks>Only <see cref="PosixSpawnLauncher"/> uses these: the native spawner does the same in the child's own code.</remarks>
internal sealed record PreExecAction(string Script, IReadOnlyList<string> Arguments)
{
    /// <summary>Exit status of a child whose pre-exec step failed (as <c>env</c>, <c>nohup</c> and <c>timeout</c> use it for their own failures).</summary>
    public const int FailureExitCode = 125;

    /// <summary>Moves the process into the cgroup whose <c>cgroup.procs</c> is given: everything it forks later is born there.</summary>
    public static PreExecAction JoinCgroup(string procsFile) => new(
        "echo $$ >\"$1\" || { echo \"svcmgr: cannot join cgroup ${1%/cgroup.procs}; not starting the program outside it\" >&2; exit "
        + FailureExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; }",
        [procsFile]);

    /// <summary>Socket activation: <c>LISTEN_PID</c> is the pid the program will have, which only now exists.</summary>
    public static PreExecAction SetListenPid { get; } = new("LISTEN_PID=$$; export LISTEN_PID", []);
}
