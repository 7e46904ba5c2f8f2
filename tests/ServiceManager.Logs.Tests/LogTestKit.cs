using System.Text;
using Microsoft.Extensions.Time.Testing;
using ServiceManager.Platform;

namespace ServiceManager.Logs.Tests;

internal static class LogTestKit
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 16, 5, 24, 123, TimeSpan.Zero);

    public static InstanceLog Create(TempDir dir, LogOptions? options = null, TimeProvider? time = null) =>
        new("web-0", options ?? new LogOptions(dir.Path), time ?? new FakeTimeProvider(Start));

    public static void Write(this InstanceLog log, OutputStream stream, string text) =>
        log.OnOutput(stream, Encoding.UTF8.GetBytes(text));

    public static string[] Texts(this InstanceLog log, OutputStream? stream = null) =>
        [.. log.Tail(int.MaxValue, stream).Select(e => e.Text)];

    /// <summary>The text part of every line of a log file ("{timestamp} out {text}").</summary>
    public static string[] FileTexts(string path) =>
        [.. System.IO.File.ReadAllLines(path).Select(l => l[29..])];

    /// <summary>Polls until <paramref name="condition"/> holds; fails after a generous deadline for loaded machines.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting until " + what);
            }

            await Task.Delay(10);
        }
    }
}
