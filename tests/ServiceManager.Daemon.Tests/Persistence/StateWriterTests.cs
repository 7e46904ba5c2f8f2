using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServiceManager.Daemon.Persistence;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Tests.Persistence;

/// <summary>When state.json is written: at once for a flush, coalesced for changes nobody awaits.</summary>
public sealed class StateWriterTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("svcmgr-writer-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly UnixProcessSpawner _spawner = new();
    private Fleet _fleet = null!;
    private StateWriter _writer = null!;

    public Task InitializeAsync()
    {
        _fleet = new Fleet(new FleetOptions(_dir), _spawner, _time);
        _writer = new StateWriter(_fleet, new DaemonPaths(_dir, _dir, Path.Combine(_dir, "s.sock"), Path.Combine(_dir, "services.toml")),
            _time, NullLogger<StateWriter>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _fleet.DisposeAsync();
        _spawner.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_flush_writes_at_once_without_waiting_for_the_coalescing_delay()
    {
        _writer.Start();

        await _writer.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));

        _writer.Writes.Should().BeGreaterThanOrEqualTo(1);
        File.Exists(_writer.Path).Should().BeTrue();
    }

    [Fact]
    public async Task A_burst_of_changes_nobody_awaits_is_written_once_after_the_delay()
    {
        _writer.Start();
        await _writer.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var before = _writer.Writes;

        for (var i = 0; i < 100; i++) _writer.Request();
        // The fake clock has not moved: the loop is parked in its coalescing wait, so nothing more is written.
        await Eventually.TrueAsync(() => _writer.Coalescing, "the writer to wait for company");
        _writer.Writes.Should().Be(before);

        _time.Advance(StateWriter.CoalesceDelay);
        await Eventually.TrueAsync(() => _writer.Writes == before + 1, "the one coalesced write");
    }
}
