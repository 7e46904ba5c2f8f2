using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;

namespace ServiceManager.Daemon.Diagnostics;

/// <summary>Recognises a running svcmgr daemon by its command line, so the children of other daemons are not called lost.</summary>
public static class SvcmgrProcess
{
    public static bool IsDaemon(int pid) => ProcScan.Arguments(pid) is { } argv && IsDaemon(argv);

    /// <summary>
    /// True for <c>svcmgr ... daemon ...</c> and <c>dotnet [options] svcmgr.dll ... daemon ...</c>: the executable
    /// (or assembly) named svcmgr, or svcmgr-daemon (what <c>svcmgr daemon</c> becomes by exec), followed somewhere by
    /// the word <c>daemon</c>.
    /// </summary>
    public static bool IsDaemon(IReadOnlyList<string> argv)
    {
        for (var i = 0; i < argv.Count; i++)
        {
            var file = Path.GetFileName(argv[i]);
            if (file is "svcmgr" or "svcmgr.dll" or SiblingExecutables.Daemon or SiblingExecutables.Daemon + ".dll")
                return argv.Skip(i + 1).Contains("daemon", StringComparer.Ordinal);
        }
        return false;
    }
}
