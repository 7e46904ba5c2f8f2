using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ServiceManager.Platform;

namespace ServiceManager.Logs.Tests;

public sealed partial class RotationTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z out (\d+)$")]
    private static partial Regex NumberedLine();

    [Fact]
    public void Rotation_loses_no_line_and_splits_none()
    {
        const int lineCount = 200_000;
        const long maxFileBytes = 64 * 1024;
        var options = new LogOptions(_dir.Path, MaxFileBytes: maxFileBytes, MaxFiles: 200);
        var text = new StringBuilder();
        for (var n = 1; n <= lineCount; n++)
        {
            text.Append(n.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var random = new Random(12345);
        using (var log = LogTestKit.Create(_dir, options))
        {
            for (var offset = 0; offset < bytes.Length;)
            {
                var size = Math.Min(random.Next(1, 8192), bytes.Length - offset);
                log.OnOutput(OutputStream.Stdout, bytes.AsSpan(offset, size));
                offset += size;
            }

            log.LastWriteError.Should().BeNull();
        }

        var files = Directory.GetFiles(_dir.Path);
        var rotated = files.Length - 1;
        rotated.Should().BeGreaterThan(50, "the test is about many rotations");
        var expected = 1;
        for (var index = rotated; index >= 0; index--)
        {
            var path = _dir.File(index == 0 ? "web-0.log" : $"web-0.log.{index}");
            new FileInfo(path).Length.Should().BeLessThanOrEqualTo(maxFileBytes, path);
            var content = File.ReadAllText(path);
            content.Should().EndWith("\n", "a file never ends in the middle of a line");
            foreach (var line in content.AsSpan(0, content.Length - 1).EnumerateLines())
            {
                var match = NumberedLine().Match(line.ToString());
                match.Success.Should().BeTrue($"'{line}' in {path} should be a whole line");
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture).Should().Be(expected);
                expected++;
            }
        }

        (expected - 1).Should().Be(lineCount);
    }

    [Fact]
    public void Oldest_files_are_deleted_beyond_MaxFiles()
    {
        // Each line is 24 + 5 + 3 + 1 = 33 bytes: three fit in 100 bytes.
        var options = new LogOptions(_dir.Path, MaxFileBytes: 100, MaxFiles: 3);
        using (var log = LogTestKit.Create(_dir, options))
        {
            for (var n = 100; n < 120; n++)
            {
                log.Write(OutputStream.Stdout, $"{n}\n");
            }
        }

        Directory.GetFiles(_dir.Path).Select(Path.GetFileName)
            .Should().BeEquivalentTo("web-0.log", "web-0.log.1", "web-0.log.2");
        LogTestKit.FileTexts(_dir.File("web-0.log.2")).Should().Equal("112", "113", "114");
        LogTestKit.FileTexts(_dir.File("web-0.log.1")).Should().Equal("115", "116", "117");
        LogTestKit.FileTexts(_dir.File("web-0.log")).Should().Equal("118", "119");
    }

    [Fact]
    public void MaxFiles_of_one_keeps_only_the_live_file()
    {
        var options = new LogOptions(_dir.Path, MaxFileBytes: 100, MaxFiles: 1);
        using (var log = LogTestKit.Create(_dir, options))
        {
            log.Write(OutputStream.Stdout, "100\n101\n102\n103\n104\n");
        }

        Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Should().Equal("web-0.log");
        LogTestKit.FileTexts(_dir.File("web-0.log")).Should().Equal("103", "104");
    }

    [Fact]
    public void Existing_log_is_appended_to_and_stale_files_beyond_the_limit_removed()
    {
        Directory.CreateDirectory(_dir.Path);
        File.WriteAllText(_dir.File("web-0.log"), "2026-01-01T00:00:00.000Z out old\n");
        File.WriteAllText(_dir.File("web-0.log.2"), "kept\n");
        File.WriteAllText(_dir.File("web-0.log.3"), "stale\n");
        File.WriteAllText(_dir.File("web-0.log.4"), "stale\n");

        using (var log = LogTestKit.Create(_dir, new LogOptions(_dir.Path, MaxFiles: 3)))
        {
            log.Write(OutputStream.Stdout, "new\n");
        }

        Directory.GetFiles(_dir.Path).Select(Path.GetFileName)
            .Should().BeEquivalentTo("web-0.log", "web-0.log.2");
        LogTestKit.FileTexts(_dir.File("web-0.log")).Should().Equal("old", "new");
    }

    [Fact]
    public void A_line_larger_than_MaxFileBytes_gets_a_file_of_its_own()
    {
        var options = new LogOptions(_dir.Path, MaxFileBytes: 50, MaxFiles: 5);
        using (var log = LogTestKit.Create(_dir, options))
        {
            log.Write(OutputStream.Stdout, "a\n" + new string('x', 100) + "\nb\n");
        }

        LogTestKit.FileTexts(_dir.File("web-0.log.2")).Should().Equal("a");
        LogTestKit.FileTexts(_dir.File("web-0.log.1")).Should().Equal(new string('x', 100));
        LogTestKit.FileTexts(_dir.File("web-0.log")).Should().Equal("b");
    }

    [Fact]
    public void The_directory_is_created_and_a_line_is_readable_as_soon_as_OnOutput_returns()
    {
        var nested = Path.Combine(_dir.Path, "a", "b");
        using var log = new InstanceLog("api", new LogOptions(nested), TimeProvider.System);

        log.Write(OutputStream.Stderr, "boom\n");

        using var reader = new FileStream(
            Path.Combine(nested, "api.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        new StreamReader(reader).ReadToEnd().Should().EndWith(" err boom\n");
    }
}
