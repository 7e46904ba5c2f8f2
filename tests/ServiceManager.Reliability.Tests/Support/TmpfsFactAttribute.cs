using System.Diagnostics;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Reliability.Tests.Support;

/// <summary>A fact that mounts a small tmpfs (to fill a disk for real): needs root and a kernel that lets it mount; skipped, with the reason, otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(Probe);

    public TmpfsFactAttribute()
    {
        if (Reason.Value is { } reason) Skip = reason;
    }

    private static string? Probe()
    {
        if (UnixUser.EffectiveUid != 0) return "needs root to mount a small tmpfs and fill it";
        var dir = Directory.CreateTempSubdirectory("svm-probe-").FullName;
        try
        {
            if (!Tmpfs.TryMount(dir, 64 * 1024)) return "mount -t tmpfs is not allowed here";
            Tmpfs.Unmount(dir);
            return null;
        }
        finally
        {
            Directory.Delete(dir);
        }
    }
}

/// <summary>mount/umount of a size-limited tmpfs through the mount(8) command.</summary>
internal static class Tmpfs
{
    public static bool TryMount(string directory, int bytes) =>
        Run("mount", "-t", "tmpfs", "-o", $"size={bytes / 1024}k,mode=0700", "tmpfs", directory) == 0;

    public static void Unmount(string directory) => Run("umount", "-l", directory);

    private static int Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
