using System.Text;
using ServiceManager.Platform;

namespace ServiceManager.Logs.Tests;

public sealed class LineSplittingTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_line_split_over_three_chunks_comes_out_whole()
    {
        using var log = LogTestKit.Create(_dir);

        log.Write(OutputStream.Stdout, "hel");
        log.Write(OutputStream.Stdout, "lo wo");
        log.Texts().Should().BeEmpty("nothing is complete yet");
        log.Write(OutputStream.Stdout, "rld\nnext");

        log.Texts().Should().Equal("hello world");
        LogTestKit.FileTexts(_dir.File("web-0.log")).Should().Equal("hello world");
    }

    [Fact]
    public void Crlf_and_lf_are_stripped_and_empty_lines_kept()
    {
        using var log = LogTestKit.Create(_dir);

        log.Write(OutputStream.Stdout, "a\r\n\r\nb\n\nc\r");
        log.Write(OutputStream.Stdout, "\nd\re\n");

        log.Texts().Should().Equal("a", "", "b", "", "c", "d\re");
    }

    [Fact]
    public void Multi_byte_characters_split_across_chunks_decode_intact()
    {
        using var log = LogTestKit.Create(_dir);
        var bytes = Encoding.UTF8.GetBytes("é€😀\n");

        // Every byte its own chunk: each character straddles at least one boundary.
        foreach (var b in bytes)
        {
            log.OnOutput(OutputStream.Stdout, [b]);
        }

        log.Texts().Should().Equal("é€😀");
        LogTestKit.FileTexts(_dir.File("web-0.log")).Should().Equal("é€😀");
    }

    [Fact]
    public void Invalid_utf8_is_replaced_not_fatal()
    {
        using var log = LogTestKit.Create(_dir);

        log.OnOutput(OutputStream.Stdout, [(byte)'a', 0xFF, (byte)'b', (byte)'\n']);

        log.Texts().Should().Equal("a\uFFFDb");
    }

    [Fact]
    public void Stdout_and_stderr_keep_their_own_partial_lines()
    {
        using var log = LogTestKit.Create(_dir);

        log.Write(OutputStream.Stdout, "out-");
        log.Write(OutputStream.Stderr, "err-");
        log.Write(OutputStream.Stdout, "1\n");
        log.Write(OutputStream.Stderr, "1\n");

        log.Texts(OutputStream.Stdout).Should().Equal("out-1");
        log.Texts(OutputStream.Stderr).Should().Equal("err-1");
        File.ReadAllLines(_dir.File("web-0.log")).Select(l => l[25..])
            .Should().Equal("out out-1", "err err-1");
    }

    [Fact]
    public void OnClosed_flushes_the_trailing_partial_line_of_that_stream_only()
    {
        using var log = LogTestKit.Create(_dir);
        log.Write(OutputStream.Stdout, "no newline");
        log.Write(OutputStream.Stderr, "pending");

        log.OnClosed(OutputStream.Stdout);

        log.Texts().Should().Equal("no newline");
        log.OnClosed(OutputStream.Stderr);
        log.Texts().Should().Equal("no newline", "pending");
    }

    [Fact]
    public void Dispose_flushes_partial_lines_to_the_file()
    {
        var log = LogTestKit.Create(_dir);
        log.Write(OutputStream.Stdout, "tail");

        log.Dispose();

        LogTestKit.FileTexts(_dir.File("web-0.log")).Should().Equal("tail");
        log.Write(OutputStream.Stdout, "after\n");
        log.Texts().Should().Equal("tail");
    }

    [Fact]
    public void A_long_line_is_cut_at_64_KiB()
    {
        using var log = LogTestKit.Create(_dir);
        var line = new string('a', 65536) + new string('b', 65536) + "ccc";

        // Fed in uneven chunks so the cut happens in carried bytes as well as in one chunk.
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        log.OnOutput(OutputStream.Stdout, bytes.AsSpan(0, 1000));
        log.OnOutput(OutputStream.Stdout, bytes.AsSpan(1000));

        log.Texts().Should().Equal(new string('a', 65536), new string('b', 65536), "ccc");
        LogTestKit.FileTexts(_dir.File("web-0.log")).Should().HaveCount(3);
    }

    [Fact]
    public void A_long_line_in_one_chunk_is_cut_the_same_way()
    {
        using var log = LogTestKit.Create(_dir);

        log.Write(OutputStream.Stdout, new string('x', 65537) + "\n");

        log.Texts().Should().Equal(new string('x', 65536), "x");
    }

    [Fact]
    public void A_cut_never_splits_a_multi_byte_character()
    {
        using var log = LogTestKit.Create(_dir);

        log.Write(OutputStream.Stdout, new string('a', 65535) + "é" + "z\n");

        log.Texts().Should().Equal(new string('a', 65535), "éz");
    }

    [Fact]
    public void A_line_of_exactly_64_KiB_ending_in_crlf_across_chunks_stays_one_line()
    {
        using var log = LogTestKit.Create(_dir);

        log.Write(OutputStream.Stdout, new string('a', 65536) + "\r");
        log.Write(OutputStream.Stdout, "\n");

        log.Texts().Should().Equal(new string('a', 65536));
    }

    [Fact]
    public void System_lines_are_stderr_with_a_prefix_one_entry_per_line()
    {
        using var log = LogTestKit.Create(_dir);
        log.Write(OutputStream.Stderr, "child partial ");

        log.AppendSystemLine("started pid 123");
        log.AppendSystemLine("exit\r\ncode 1");
        log.Write(OutputStream.Stderr, "line\n");

        log.Texts(OutputStream.Stderr).Should().Equal(
            "[svcmgr] started pid 123", "[svcmgr] exit", "[svcmgr] code 1", "child partial line");
        File.ReadAllLines(_dir.File("web-0.log"))[0][24..].Should().Be(" err [svcmgr] started pid 123");
    }
}
