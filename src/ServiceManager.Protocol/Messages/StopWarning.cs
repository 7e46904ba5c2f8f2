namespace ServiceManager.Protocol.Messages;

/// <summary>An instance whose stop did not go cleanly: it had to be killed, or processes it started still run.</summary>
/// <param name="Message">One line for a person.</param>
/// <param name="Survivors">Pids still running after the stop (out of svcmgr's reach); empty when the stop only
/// needed SIGKILL. A stop with survivors did not fully happen: the CLI exits 1.</param>
public sealed record StopWarning(string Id, string Message, IReadOnlyList<int> Survivors);
