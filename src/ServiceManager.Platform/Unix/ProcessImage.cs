using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// <c>execv</c>: this process becomes another program with the same pid, parent, descriptors, environment and
/// signal mask. How <c>svcmgr daemon</c> becomes <c>svcmgr-daemon</c>, so the pid a user started is the daemon's.
/// </summary>
public static unsafe class ProcessImage
{
    /// <summary>Replaces this process with <paramref name="program"/> run with <paramref name="argv"/> (argv[0] included).</summary>
    /// <returns>Only if that failed: why.</returns>
    /// <remarks>The environment passed on is the C runtime's, which .NET does not change: call it before anything
    /// sets a variable that the new program must see.</remarks>
    public static string Replace(string program, IReadOnlyList<string> argv)
    {
        using var strings = new NativeStrings();
        _ = LibC.execv(strings.Add(program), strings.AddArray(argv));
        return LibC.ErrorText(Marshal.GetLastPInvokeError());
    }
}
