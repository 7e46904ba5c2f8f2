using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace ServiceManager.TestSupport;

/// <summary>
/// Polls a condition until it holds or a generous deadline passes: tests synchronise on state, never on sleeps, and
/// the deadline is long enough for a loaded 2-core machine.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Calls <paramref name="probe"/> until what it returns is accepted; exceptions count as "not yet".</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        T last = default!;
        Exception? lastError = null;
        while (clock.Elapsed < limit)
        {
            try
            {
                last = await probe();
                if (accept(last)) return last;
                lastError = null;
            }
            catch (Exception ex)
            {
                lastError = ex;
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"timed out after {limit.TotalSeconds}s waiting for {what}; last value: {last}", lastError);
    }

    /// <summary>A synchronous probe whose null means "not there yet".</summary>
    public static Task<T> ValueAsync<T>(Func<T?> probe, Func<T, bool> accept, string what, TimeSpan? timeout = null)
        where T : class =>
        GetAsync(() => Task.FromResult(probe()), value => value is not null && accept(value), what, timeout)!;

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        GetAsync(() => Task.FromResult(condition()), ok => ok, what, timeout);

    /// <summary>
    /// Advances a fake clock in steps until <paramref name="condition"/> holds. The code under test runs on the thread
    /// pool and may not have armed its next timer yet when a step is taken, so a step can be "lost": stepping again
    /// instead of assuming one step is enough keeps that race out of the tests.
    /// </summary>
    public static async Task AdvanceUntil(FakeTimeProvider time, TimeSpan step, Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(time);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > DefaultTimeout) throw new TimeoutException($"timed out after {DefaultTimeout} waiting until {what}");
            time.Advance(step);
            await Task.Delay(5);
        }
    }
}
