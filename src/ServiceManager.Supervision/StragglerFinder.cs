namespace ServiceManager.Supervision;

/// <summary>
/// Finds the live processes of an instance that are outside its child's process group — descendants that started a
/// session of their own, which no signal to the group reaches — so that a stop can report them instead of claiming
/// success. Returns pids with a short description each; empty when there are none.
/// </summary>
public delegate IReadOnlyList<(int Pid, string Command)> StragglerFinder(string instanceId);
