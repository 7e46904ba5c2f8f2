using ServiceManager.Platform;

namespace ServiceManager.Logs.Tests;

/// <summary>
/// A daemon killed by SIGKILL in the middle of a write can leave its log's last line cut off (the kernel stops a
/// write for a fatal signal between pages; seen once in DaemonKillTests' flood as "line 363528 is followed by 363").
/// The next writer of the file cuts the fragment off before it appends, so the file keeps to whole lines.
/// </summary>
public sealed class TornTailTests : IDisposable
{
    private const string Whole = "2026-11-25T16:05:24.123Z out one\n";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(Whole + "2026-11-25T16:05:24.124Z out 363", new[] { "one", "three" })]
    [InlineData("2026-11-25T16:05:24.124Z out 363", new[] { "three" })]
    [InlineData(Whole, new[] { "one", "three" })]
    [InlineData("", new[] { "three" })]
    public void The_next_line_is_appended_after_the_last_whole_line(string left, string[] expected)
    {
        Directory.CreateDirectory(_dir.Path);
        File.WriteAllText(_dir.File("web-0.log"), left);

        using var log = LogTestKit.Create(_dir);
        log.Write(OutputStream.Stdout, "three\n");

        LogTestKit.FileTexts(_dir.File("web-0.log")).Should().Equal(expected);
    }

    [Fact]
    public void A_fragment_longer_than_the_chunk_read_back_is_cut_too()
    {
        Directory.CreateDirectory(_dir.Path);
        File.WriteAllText(_dir.File("web-0.log"), Whole + "2026-11-25T16:05:24.124Z out " + new string('x', 10_000));

        using var log = LogTestKit.Create(_dir);
        log.Write(OutputStream.Stdout, "three\n");

        LogTestKit.FileTexts(_dir.File("web-0.log")).Should().Equal("one", "three");
    }
}
