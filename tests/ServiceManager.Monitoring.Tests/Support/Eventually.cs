using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace ServiceManager.Monitoring.Tests.Support;

/// <summary>Polls instead of sleeping: generous deadlines so a loaded 2-core machine does not make tests flaky.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task True(Func<bool> condition, string what, TimeSpan? poll = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Deadline) throw new Xunit.Sdk.XunitException($"timed out after {Deadline} waiting until {what}");
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(10));
        }
    }

    /// <summary>
    /// Advances a fake clock in steps until <paramref name="condition"/> holds. The code under test runs on the thread
    /// pool and may not have armed its next timer yet when a step is taken, so a step can be "lost": stepping again
    /// instead of assuming one step is enough keeps that race out of the tests.
    /// </summary>
    public static async Task AdvanceUntil(FakeTimeProvider time, TimeSpan step, Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Deadline) throw new Xunit.Sdk.XunitException($"timed out after {Deadline} waiting until {what}");
            time.Advance(step);
            await Task.Delay(5);
        }
    }
}
