using System.Globalization;

namespace ServiceManager.Mcp.Tests.Infrastructure;

/// <summary>Whether a process still runs, read from /proc; a zombie counts as gone (dead, only waiting to be reaped).</summary>
internal static class Processes
{
    public static bool IsAlive(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // "pid (comm) S ...": comm may contain spaces and ')', so the state follows the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length) return false;
        return text[close + 2] is not ('Z' or 'X');
    }

    public static Task GoneAsync(int pid, string what) =>
        Eventually.TrueAsync(() => !IsAlive(pid), $"{what} (pid {pid}) to be gone");

    /// <summary>SIGTERM to a daemon we did not start ourselves (one started by --start-daemon), then wait for it.</summary>
    public static async Task TerminateAsync(int pid, string what)
    {
        if (IsAlive(pid)) ServiceManager.Platform.Unix.UnixProcess.Signal(pid, 15);
        await GoneAsync(pid, what);
    }
}
