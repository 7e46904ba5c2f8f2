namespace ServiceManager.Protocol.Client;

/// <summary>
/// How <see cref="DaemonLauncher"/> starts a program in the background (its own session, stdin from /dev/null, stdout
/// and stderr appended to a file) and learns that it ended. Platform's <c>DetachedProcess</c> in practice: Protocol
/// references nothing, so the caller hands it in.
/// </summary>
/// <param name="Start">(program, arguments, environment, working directory, output file) → pid.</param>
public sealed record BackgroundStart(
    Func<string, IReadOnlyList<string>, IReadOnlyDictionary<string, string>, string, string, int> Start,
    BackgroundStart.ExitProbe TryGetExit)
{
    /// <summary>True once the program has ended, with its exit code (128 + N for signal N); reaps it.</summary>
    public delegate bool ExitProbe(int pid, out int exitCode);
}
