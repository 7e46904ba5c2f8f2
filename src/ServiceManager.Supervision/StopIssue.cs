namespace ServiceManager.Supervision;

/// <summary>
/// What went wrong with the most recent stop of an instance's child, for the caller of <c>stop</c> to hear about: the
/// group ignored the stop signal and had to be killed, or processes it started still run after the stop.
/// </summary>
/// <param name="Message">One line for a person, e.g. "ignored SIGTERM for 2s; killed with SIGKILL".</param>
/// <param name="Survivors">Pids of processes of the instance that outlived the stop: a process group that survived
/// SIGKILL, or descendants that left the group (<c>setsid</c>) where no group signal reaches. Empty when the stop
/// only needed force.</param>
public sealed record StopIssue(string Message, IReadOnlyList<int> Survivors);
