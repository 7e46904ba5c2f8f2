using System.Diagnostics;
using ServiceManager.Platform;

namespace ServiceManager.Platform.Tests;

/// <summary>Polls instead of sleeping: generous deadlines so a loaded 2-core machine does not make tests flaky.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static async Task True(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Deadline) throw new Xunit.Sdk.XunitException($"timed out after {Deadline} waiting until {what}");
            await Task.Delay(10);
        }
    }

    public static Task<ChildExit> Exit(IChildProcess child) => child.Exited.WaitAsync(Deadline);
}
