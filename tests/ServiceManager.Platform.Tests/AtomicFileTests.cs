using System.Text;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _dir = Directory.CreateTempSubdirectory("svcmgr-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Writes_new_content_with_the_given_mode_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_dir, "state.json");

        AtomicFile.Write(path, Encoding.UTF8.GetBytes("one"), OwnerOnly);
        AtomicFile.Write(path, Encoding.UTF8.GetBytes("two"), OwnerOnly);

        File.ReadAllText(path).Should().Be("two");
        File.GetUnixFileMode(path).Should().Be(OwnerOnly);
        Directory.GetFiles(_dir).Should().Equal(path);
    }

    [Fact]
    public void A_stale_temporary_file_with_loose_permissions_is_replaced()
    {
        var path = Path.Combine(_dir, "state.json");
        var temporary = AtomicFile.TemporaryPathFor(path);
        File.WriteAllText(temporary, "half written");
        File.SetUnixFileMode(temporary, OwnerOnly | UnixFileMode.OtherRead);

        AtomicFile.Write(path, Encoding.UTF8.GetBytes("whole"), OwnerOnly);

        File.ReadAllText(path).Should().Be("whole");
        File.GetUnixFileMode(path).Should().Be(OwnerOnly);
        File.Exists(temporary).Should().BeFalse();
    }

    [Fact]
    public void A_failed_write_keeps_the_old_file()
    {
        var path = Path.Combine(_dir, "state.json");
        AtomicFile.Write(path, Encoding.UTF8.GetBytes("old"), OwnerOnly);
        Directory.CreateDirectory(AtomicFile.TemporaryPathFor(path));

        var act = () => AtomicFile.Write(path, Encoding.UTF8.GetBytes("new"), OwnerOnly);

        act.Should().Throw<Exception>().Which.Should().Match(e => e is IOException || e is UnauthorizedAccessException);
        File.ReadAllText(path).Should().Be("old");
    }
}
