using ServiceManager.Platform;

namespace ServiceManager.Logs.Tests;

public sealed class WriteFailureTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_full_disk_is_reported_but_lines_still_reach_tail_and_followers()
    {
        // /dev/full accepts the open and fails every write with ENOSPC.
        Directory.CreateDirectory(_dir.Path);
        File.CreateSymbolicLink(_dir.File("web-0.log"), "/dev/full");
        using var log = LogTestKit.Create(_dir);
        using var follower = log.Follow();

        var write = () => log.Write(OutputStream.Stdout, "one\ntwo\n");

        write.Should().NotThrow();
        log.LastWriteError.Should().BeAssignableTo<IOException>();
        log.Texts().Should().Equal("one", "two");
        (await follower.Reader.ReadAsync()).Text.Should().Be("one");
        (await follower.Reader.ReadAsync()).Text.Should().Be("two");
    }

    [Fact]
    public void An_unusable_directory_is_reported_not_thrown()
    {
        Directory.CreateDirectory(_dir.Path);
        File.WriteAllText(_dir.File("not-a-dir"), "");

        using var log = new InstanceLog("web-0", new LogOptions(_dir.File("not-a-dir")), TimeProvider.System);
        log.Write(OutputStream.Stdout, "kept in memory\n");

        log.LastWriteError.Should().NotBeNull();
        log.Texts().Should().Equal("kept in memory");
    }
}
