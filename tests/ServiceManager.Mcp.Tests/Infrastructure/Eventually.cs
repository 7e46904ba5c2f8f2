namespace ServiceManager.Mcp.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or a generous deadline passes: tests synchronise on state, never on sleeps.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        T last = default!;
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
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

            await Task.Delay(25);
        }

        throw new TimeoutException($"timed out waiting for {what}; last value: {last}", lastError);
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        GetAsync(() => Task.FromResult(condition()), ok => ok, what, timeout);
}
