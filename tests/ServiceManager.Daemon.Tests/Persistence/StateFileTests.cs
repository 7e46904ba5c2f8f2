using System.Text.Json;
using ServiceManager.Config.Model;
using ServiceManager.Daemon.Persistence;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Daemon.Tests.Persistence;

public sealed class StateFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("svcmgr-state-").FullName;

    private string Path => System.IO.Path.Combine(_dir, "state.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static InstanceDefinition Definition(string id) =>
        new(id, "web", ["python3", "-m", "http.server", "8001"], new Dictionary<string, string> { ["TOKEN"] = "s3cret", ["PORT"] = "8001" },
            "/srv/web", 8001, AutoStart: true, Tags: ["a"],
            new RestartSettings(RestartPolicy.Always, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5), 3, TimeSpan.FromSeconds(2)),
            new StopSettings(2, TimeSpan.FromSeconds(3), "kill {pid}"),
            new HealthCheckSettings("http://127.0.0.1:8001/", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)), 1024,
            ["db", new Dependency("migrate", DependencyCondition.Completed), new Dependency("cache", DependencyCondition.LogReady)],
            new SourceLocation("x", 1, 1))
        {
            DisplayName = "Web",
            Description = "d",
            Category = "c",
            Origin = InstanceOrigin.Created,
            EnvFile = "/srv/web/.env",
            Watch = new WatchSettings(["src", "*.toml"], [".git"], TimeSpan.FromMilliseconds(250)),
            Schedule = Cron("H/5 * * * *", id),
            ReadyLogLine = "listening on",
        };

    private static CronSchedule Cron(string text, string id)
    {
        CronSchedule.TryParse(text, CronSchedule.SeedOf(id), out var schedule, out _).Should().BeTrue();
        return schedule!;
    }

    [Fact]
    public void A_written_state_reads_back_with_definitions_wishes_and_numbers_and_is_owner_only()
    {
        var document = new StateDocument(StateDocument.CurrentVersion, DateTimeOffset.UnixEpoch, 42, new Dictionary<string, int> { ["gone"] = 7 },
        [
            new InstanceRecord("web-2", 3, "created", true, new ChildRecord(1234, 1234, 99, 15, 10_000), StateMapping.Record(Definition("web-2"))),
            new InstanceRecord("file", 1, "config", false, null, null),
        ]);

        StateFile.Write(Path, document);
        var state = StateFile.Load(Path, TimeProvider.System);

        File.GetUnixFileMode(Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        state.Warnings.Should().BeEmpty();
        state.NumericIds.Should().Equal(new Dictionary<string, int> { ["gone"] = 7, ["file"] = 1, ["web-2"] = 3 });
        state.ShouldRun("web-2").Should().BeTrue();
        state.ShouldRun("file").Should().BeFalse();
        state.ShouldRun("nope").Should().BeNull();
        state.Records["web-2"].Child.Should().Be(new ChildRecord(1234, 1234, 99, 15, 10_000));
        var restored = state.RunTime.Single();
        restored.SameAs(Definition("web-2")).Should().BeTrue("conditions, watch, schedule and ready line come back too");
        restored.Schedule!.Next(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc).Should().Be(Definition("web-2").Schedule!.Next(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc), "H keeps its minute");
        restored.Should().BeEquivalentTo(Definition("web-2"), o => o.Excluding(d => d.Location));
        state.Reserved.Should().Equal(new ReservedInstance("web-2", 8001, "web"));
    }

    [Fact]
    public void A_missing_file_is_an_empty_state_and_a_stale_temporary_file_is_removed()
    {
        File.WriteAllText(AtomicFile.TemporaryPathFor(Path), "{ half");

        var state = StateFile.Load(Path, TimeProvider.System);

        state.Should().BeSameAs(PersistedState.Empty);
        File.Exists(AtomicFile.TemporaryPathFor(Path)).Should().BeFalse();
    }

    [Theory]
    [InlineData("{ \"version\": 1, \"instances\": [")]
    [InlineData("null")]
    [InlineData("{ \"version\": 99, \"numericIds\": {}, \"instances\": [] }")]
    public void An_unusable_file_is_moved_aside_not_lost(string content)
    {
        File.WriteAllText(Path, content);

        var state = StateFile.Load(Path, TimeProvider.System);

        state.RunTime.Should().BeEmpty();
        state.Warnings.Should().ContainSingle().Which.Should().Contain("moved to");
        File.Exists(Path).Should().BeFalse();
        var aside = Directory.GetFiles(_dir, "state.json.unreadable-*").Should().ContainSingle().Subject;
        File.ReadAllText(aside).Should().Be(content);
    }

    [Fact]
    public void Bad_records_are_skipped_with_a_warning_and_the_rest_is_restored()
    {
        var good = StateMapping.Record(Definition("good"));
        var document = new StateDocument(1, DateTimeOffset.UnixEpoch, 1, new Dictionary<string, int>(),
        [
            new InstanceRecord("good", 1, "run", true, null, good),
            new InstanceRecord("nocommand", 2, "run", true, null, good with { Command = [] }),
            new InstanceRecord("nodef", 3, "created", true, null, null),
            new InstanceRecord("good", 4, "run", true, null, good),
        ]);
        File.WriteAllBytes(Path, JsonSerializer.SerializeToUtf8Bytes(document, StateJsonContext.Default.StateDocument));

        var state = StateFile.Load(Path, TimeProvider.System);

        state.RunTime.Select(d => d.Id).Should().Equal("good");
        state.Warnings.Should().HaveCount(3);
        state.NumericIds.Should().Contain("nocommand", 2, "its number stays taken");
    }
}
