using ServiceManager.Daemon.Hosting;

namespace ServiceManager.Daemon.Tests;

public sealed class PidFileLockTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pidlock-").FullName;

    private string PidFile => Path.Combine(_dir, "svcmgr.pid");

    [Fact]
    public void The_first_holder_writes_its_pid_and_a_second_is_refused()
    {
        using var first = PidFileLock.TryAcquire(PidFile);
        first.Should().NotBeNull();
        PidFileLock.TryAcquire(PidFile).Should().BeNull();
        // Read the way scripts do (`kill $(cat svcmgr.pid)`): cat takes no lock.
        using var cat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("cat", PidFile) { RedirectStandardOutput = true })!;
        var text = cat.StandardOutput.ReadToEnd();
        cat.WaitForExit();
        text.Trim().Should().Be(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_released_lock_can_be_taken_again_and_a_stale_file_does_not_block()
    {
        File.WriteAllText(PidFile, "999999\n");
        var first = PidFileLock.TryAcquire(PidFile);
        first.Should().NotBeNull("a pidfile without a live lock holder is stale");
        first!.Dispose();
        File.Exists(PidFile).Should().BeFalse();
        using var second = PidFileLock.TryAcquire(PidFile);
        second.Should().NotBeNull();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
