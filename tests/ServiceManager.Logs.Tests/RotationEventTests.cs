using ServiceManager.Platform;

namespace ServiceManager.Logs.Tests;

public sealed class RotationEventTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Each_rotation_is_announced_once_with_the_files_involved()
    {
        // 33-byte lines, three to a 100-byte file: 20 lines rotate 6 times.
        var options = new LogOptions(_dir.Path, MaxFileBytes: 100, MaxFiles: 3);
        var rotations = new List<LogRotation>();
        using (var log = LogTestKit.Create(_dir, options))
        {
            log.Rotated += rotations.Add;
            for (var n = 100; n < 120; n++)
            {
                log.Write(OutputStream.Stdout, $"{n}\n");
            }
        }

        rotations.Should().HaveCount(6).And.AllSatisfy(r =>
        {
            r.Instance.Should().Be("web-0");
            r.File.Should().Be(_dir.File("web-0.log"));
            r.RotatedTo.Should().Be(_dir.File("web-0.log.1"));
            r.At.Should().Be(LogTestKit.Start);
        });
    }

    [Fact]
    public void With_one_file_kept_the_rotation_says_the_content_was_dropped()
    {
        var options = new LogOptions(_dir.Path, MaxFileBytes: 100, MaxFiles: 1);
        var rotations = new List<LogRotation>();
        using (var log = LogTestKit.Create(_dir, options))
        {
            log.Rotated += rotations.Add;
            log.Write(OutputStream.Stdout, "100\n101\n102\n103\n104\n");
        }

        rotations.Should().ContainSingle().Which.RotatedTo.Should().BeNull();
    }

    [Fact]
    public void One_chunk_that_fills_several_files_announces_each_rotation()
    {
        var options = new LogOptions(_dir.Path, MaxFileBytes: 100, MaxFiles: 5);
        var rotations = new List<LogRotation>();
        using (var log = LogTestKit.Create(_dir, options))
        {
            log.Rotated += rotations.Add;
            log.Write(OutputStream.Stdout, string.Concat(Enumerable.Range(100, 10).Select(n => $"{n}\n")));
        }

        rotations.Should().HaveCount(3);
    }

    [Fact]
    public void Lines_that_fit_raise_nothing()
    {
        var rotations = new List<LogRotation>();
        using var log = LogTestKit.Create(_dir);
        log.Rotated += rotations.Add;

        log.Write(OutputStream.Stdout, "one\ntwo\n");

        rotations.Should().BeEmpty();
    }
}
