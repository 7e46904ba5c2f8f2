using System.Diagnostics;

namespace ServiceManager.Supervision.Tests.Support;

/// <summary>Polls a condition against a real-time deadline: tests synchronise on outcomes, never on fixed sleeps.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> ValueAsync<T>(Func<T?> probe, Func<T, bool> accept, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (true)
        {
            var value = probe();
            if (value is not null && accept(value)) return value;
            if (deadline.Elapsed > limit)
                throw new TimeoutException($"timed out after {limit.TotalSeconds}s waiting for {what}; last value: {value}");
            await Task.Delay(20);
        }
    }

    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (!condition())
        {
            if (deadline.Elapsed > limit)
                throw new TimeoutException($"timed out after {limit.TotalSeconds}s waiting for {what}");
            await Task.Delay(20);
        }
    }
}
