using Microsoft.Extensions.Logging.Abstractions;
using ServiceManager.Config;
using ServiceManager.Config.Model;
using ServiceManager.Daemon.Hosting;
using ServiceManager.Daemon.Instances;
using ServiceManager.Daemon.Persistence;
using ServiceManager.Daemon.Rpc;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Tests.Persistence;

/// <summary>The coordinator over a real fleet and state file, with a fake "port in use" probe.</summary>
public sealed class FleetCoordinatorTests : IAsyncLifetime
{
    private const string Config = """
        [templates.web]
        start_command = "sleep 1000"
        default_port = 8000
        port_range = [8000, 8050]
        [templates.db]
        start_command = "sleep 1000"
        supports_multiple = false
        [templates.narrow]
        start_command = "sleep 1000"
        port_range = [8100, 8101]
        [templates.unresolvable]
        start_command = "sleep ${SVCMGR_TEST_NEVER_SET}"
        [instances.file]
        start_command = "sleep 1000"
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("svcmgr-coord-").FullName;
    private readonly UnixProcessSpawner _spawner = new();
    private readonly HashSet<int> _busy = [8000];
    private Fleet _fleet = null!;
    private StateWriter _state = null!;
    private FleetCoordinator _coordinator = null!;

    private DaemonPaths Paths => new(_dir, _dir, Path.Combine(_dir, "s.sock"), Path.Combine(_dir, "services.toml"));

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Paths.ConfigPath, Config);
        var env = new Dictionary<string, string>();
        var config = ConfigLoader.Load(Paths.ConfigPath, env);
        _fleet = new Fleet(new FleetOptions(Paths.LogsDirectory) { BaseEnvironment = env }, _spawner, TimeProvider.System);
        _state = new StateWriter(_fleet, Paths, TimeProvider.System, NullLogger<StateWriter>.Instance);
        _coordinator = new FleetCoordinator(_fleet, new ConfigStore(Paths.ConfigPath, config, env), _state, TimeProvider.System, NullLogger<FleetCoordinator>.Instance)
        {
            IsPortInUse = p => { lock (_busy) return _busy.Contains(p); },
        };
        await _coordinator.StartUpAsync(PersistedState.Empty, new Containment(null, Disabled: true, "tests"), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _coordinator.ShutdownAsync(CancellationToken.None);
        await _fleet.DisposeAsync();
        _spawner.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private PersistedState Saved() => StateFile.Load(Paths.StateFile, TimeProvider.System);

    [Fact]
    public async Task Ten_concurrent_creates_get_ten_distinct_free_ports_and_all_reach_the_state_file()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => _coordinator.CreateAsync("web", null, null, start: false, CancellationToken.None))));

        created.Select(s => s.Definition.Port).Should().OnlyHaveUniqueItems().And.NotContain(8000, "8000 is held by another process");
        created.Select(s => s.Id).Should().OnlyHaveUniqueItems();
        Saved().RunTime.Select(d => d.Id).Should().BeEquivalentTo(created.Select(s => s.Id));
    }

    [Fact]
    public async Task Run_is_on_disk_before_it_returns_and_remove_takes_it_off()
    {
        var cwd = Directory.CreateDirectory(Path.Combine(_dir, "proj")).FullName;
        var run = await _coordinator.RunAsync(new AdHocRequest(["sleep", "1000"], cwd), CancellationToken.None);

        run.Id.Should().Be("proj-sleep");
        run.State.Should().Be(InstanceState.Running);
        var saved = Saved();
        saved.Records["proj-sleep"].Child!.Pid.Should().Be(run.Pid!.Value);
        saved.Records["proj-sleep"].ShouldRun.Should().BeTrue();

        (await _coordinator.RemoveAsync(["proj-sleep"], CancellationToken.None)).Should().Equal("proj-sleep");
        Saved().Records.Should().NotContainKey("proj-sleep");
        Saved().NumericIds.Should().ContainKey("proj-sleep", "its number stays reserved for it");
    }

    [Fact]
    public async Task Errors_carry_the_wire_codes()
    {
        async Task<int> Code(Func<Task> act) => RpcErrors.CodeOf((await act.Should().ThrowAsync<FleetException>()).Which.Kind);
        var cwd = _dir;

        (await Code(() => _coordinator.CreateAsync("nope", null, null, false, CancellationToken.None))).Should().Be(RpcErrorCodes.NotFound);
        await _coordinator.CreateAsync("db", null, null, false, CancellationToken.None);
        (await Code(() => _coordinator.CreateAsync("db", null, null, false, CancellationToken.None))).Should().Be(RpcErrorCodes.InvalidParams);
        (await Code(() => _coordinator.CreateAsync("web", null, 8000, false, CancellationToken.None))).Should().Be(RpcErrorCodes.PortConflict);
        (await Code(() => _coordinator.RemoveAsync(["file"], CancellationToken.None))).Should().Be(RpcErrorCodes.InvalidParams);
        (await Code(() => _coordinator.RemoveAsync(["nope"], CancellationToken.None))).Should().Be(RpcErrorCodes.NotFound);
        (await Code(() => _coordinator.RunAsync(new AdHocRequest(["no-such-program-svcmgr"], cwd), CancellationToken.None))).Should().Be(RpcErrorCodes.SpawnFailed);
        _fleet.List().Select(s => s.Id).Should().NotContain(id => id.Contains("no-such", StringComparison.Ordinal), "a command that cannot start leaves nothing behind");
        var envFile = Path.Combine(_dir, "bad.env");
        await File.WriteAllTextAsync(envFile, "A='x\n");
        (await Code(() => _coordinator.RunAsync(new AdHocRequest(["sleep", "1"], cwd) { EnvFile = envFile }, CancellationToken.None))).Should().Be(RpcErrorCodes.ConfigInvalid);
        (await Code(() => _coordinator.RunAsync(new AdHocRequest(["sleep", "1"], cwd) { Name = "Bad!" }, CancellationToken.None))).Should().Be(RpcErrorCodes.InvalidParams);
    }

    [Fact]
    public async Task Config_errors_of_run_and_create_get_their_codes_by_kind()
    {
        async Task<FleetException> Failure(Func<Task> act) => (await act.Should().ThrowAsync<FleetException>()).Which;
        lock (_busy) _busy.UnionWith([8100, 8101]);

        (await Failure(() => _coordinator.CreateAsync("narrow", null, null, false, CancellationToken.None))).Kind
            .Should().Be(FleetErrorKind.PortConflict, "no port in the template's range is free");
        (await Failure(() => _coordinator.CreateAsync("web", null, 70000, false, CancellationToken.None))).Kind
            .Should().Be(FleetErrorKind.InvalidRequest, "a port out of range is a bad request, not a conflict");
        var unresolvable = await Failure(() => _coordinator.CreateAsync("unresolvable", null, null, false, CancellationToken.None));
        unresolvable.Kind.Should().Be(FleetErrorKind.ConfigInvalid);
        unresolvable.Message.Should().Contain("services.toml:").And.Contain("SVCMGR_TEST_NEVER_SET", "the template's own error, with its place in the file");
        (await Failure(() => _coordinator.RunAsync(new AdHocRequest(["sleep", "1"], _dir) { Port = 8000 }, CancellationToken.None))).Kind
            .Should().Be(FleetErrorKind.PortConflict);
        (await Failure(() => _coordinator.RunAsync(new AdHocRequest(["sleep", "1"], _dir) { Port = 70000 }, CancellationToken.None))).Kind
            .Should().Be(FleetErrorKind.InvalidRequest);
        var missing = await Failure(() => _coordinator.RunAsync(new AdHocRequest(["sleep", "1"], _dir) { EnvFile = Path.Combine(_dir, "none.env") }, CancellationToken.None));
        missing.Kind.Should().Be(FleetErrorKind.ConfigInvalid, "an env file that cannot be read is a config problem");
        _fleet.List().Select(s => s.Id).Should().Equal("file");
    }

    [Fact]
    public async Task An_unknown_name_is_answered_with_the_instances_there_are()
    {
        var error = (await FluentActions.Awaiting(() => _coordinator.RemoveAsync(["nope"], CancellationToken.None))
            .Should().ThrowAsync<UnknownInstanceException>()).Which;

        error.Message.Should().Be("no such instance 'nope'; known: file");
        error.Name.Should().Be("nope");
    }

    [Fact]
    public async Task Reload_keeps_run_time_instances_and_file_ports_avoid_theirs()
    {
        var created = await _coordinator.CreateAsync("web", "w", null, false, CancellationToken.None);
        created.Definition.Port.Should().Be(8001);
        await File.WriteAllTextAsync(Paths.ConfigPath, Config + "\n[instances.auto]\ntemplate = \"web\"\n");

        var diff = await _coordinator.ReloadAsync(CancellationToken.None);

        diff.Added.Should().Equal("auto");
        _fleet.Resolve("auto").Snapshot.Definition.Port.Should().Be(8000, "the file does not probe the machine, but avoids run-time ports");
        _fleet.Resolve("w").Snapshot.Definition.Port.Should().Be(8001);
    }
}
