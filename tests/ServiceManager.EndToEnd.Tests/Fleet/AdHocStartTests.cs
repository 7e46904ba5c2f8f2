using System.Globalization;
using System.Net.Http;
using System.Text.RegularExpressions;

namespace ServiceManager.EndToEnd.Tests.Fleet;

/// <summary><c>svcmgr start [--name N] ... -- CMD</c> against a real daemon: names, ports, environment, errors.</summary>
public sealed partial class AdHocStartTests : IAsyncLifetime
{
    private readonly TestHome _home = new();
    private DaemonProcess _daemon = null!;
    private string _project = null!;

    public async Task InitializeAsync()
    {
        _project = Directory.CreateDirectory(Path.Combine(_home.Path, "My Project")).FullName;
        _daemon = await DaemonProcess.StartAsync(_home.Path);
    }

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        InstanceProcesses.KillAll(_home.Path);
        _home.Dispose();
    }

    private Task<CliResult> Cli(params string[] args) => FleetCli.RunInAsync(_home.Path, _project, args);

    [Fact]
    public async Task A_command_gets_a_name_from_its_directory_and_program_and_a_number_when_taken()
    {
        var first = await Cli("start", "--", "sleep", "1000");
        var second = await Cli("start", "--", "sleep", "1000");
        var named = await Cli("start", "--name", "custom.name_1", "--", "sleep", "1000");

        first.ExitCode.Should().Be(0, first.ToString());
        first.Stdout.Should().MatchRegex(@"^started my-project-sleep \(#\d+\), pid \d+\n$");
        second.Stdout.Should().StartWith("started my-project-sleep-2 ");
        named.Stdout.Should().StartWith("started custom.name_1 ");
        var list = TextTable.Parse((await Svcmgr.RunAsync(_home.Path, "list")).Stdout);
        list.Row("NAME", "my-project-sleep").Should().Contain("STATE", "running").And.Contain("PORT", "-").And.Contain("TEMPLATE", "-");
        var detail = await Instances.StatusAsync(_daemon, "my-project-sleep");
        detail.WorkingDirectory.Should().Be(_project);
        detail.Command.Should().Equal("sleep", "1000");
        detail.RestartPolicy.Should().Be("on-failure");
    }

    [Fact]
    public async Task Usage_errors_exit_64_and_a_program_that_does_not_exist_leaves_nothing_behind()
    {
        (await Cli("start", "--name", "x")).ExitCode.Should().Be(64, "--name goes with a command");
        (await Cli("start", "--")).ExitCode.Should().Be(64, "nothing after --");
        (await Cli("start", "web", "--", "sleep", "1")).ExitCode.Should().Be(64, "names and a command");
        var badName = await Cli("start", "--name", "Bad Name", "--", "sleep", "1");
        badName.ExitCode.Should().Be(64, badName.ToString());
        badName.Stderr.Should().Contain("invalid name \"Bad Name\"");
        (await Cli("start", "--env", "NOEQUALS", "--", "sleep", "1")).ExitCode.Should().Be(64);

        var missing = await Cli("start", "--", "no-such-program-svcmgr-e2e");
        missing.ExitCode.Should().Be(1, missing.ToString());
        missing.Stderr.Should().Contain("cannot start 'no-such-program-svcmgr-e2e'").And.Contain("no instance was added");
        (await Instances.ListAsync(_daemon)).Should().BeEmpty();
    }

    [Fact]
    public async Task Env_and_env_file_reach_the_child_the_file_is_read_at_every_start_and_values_stay_out_of_the_daemon_log()
    {
        var envFile = Path.Combine(_home.Path, "app.env");
        await File.WriteAllTextAsync(envFile, "# comment\nexport FROM_FILE='file one'\nBOTH=file\nREF=\"${FROM_FILE}!\"\n");
        var seen = Path.Combine(_home.Path, "seen.txt");
        var script = $"printf '%s|%s|%s|%s\\n' \"$FROM_FILE\" \"$BOTH\" \"$REF\" \"$SECRET\" > '{seen}'; exec sleep 1000";

        var started = await FleetCli.RunInAsync(_home.Path, _home.Path, "start", "--name", "envy", "--env", "BOTH=flag", "--env", "SECRET=topsecret-e2e",
            "--env-file", "app.env", "--", "sh", "-c", script);

        started.ExitCode.Should().Be(0, started.ToString());
        await Eventually.TrueAsync(() => File.Exists(seen) && File.ReadAllText(seen).EndsWith('\n'), "the child to write its environment");
        File.ReadAllText(seen).Should().Be("file one|flag|file one!|topsecret-e2e\n", "--env wins over the env file");

        await File.WriteAllTextAsync(envFile, "FROM_FILE=second\n");
        File.Delete(seen);
        (await Svcmgr.RunAsync(_home.Path, "restart", "envy")).ExitCode.Should().Be(0);
        await Eventually.TrueAsync(() => File.Exists(seen) && File.ReadAllText(seen).EndsWith('\n'), "the restarted child to write its environment");
        File.ReadAllText(seen).Should().StartWith("second|flag||");

        File.ReadAllText(_daemon.LogFile).Should().NotContain("topsecret-e2e").And.NotContain("file one");
        _daemon.Output.Should().NotContain("topsecret-e2e");
    }

    [Fact]
    public async Task A_broken_env_file_is_refused_with_file_and_line_and_exit_3()
    {
        var envFile = Path.Combine(_project, ".env");
        await File.WriteAllTextAsync(envFile, "GOOD=1\nTOKEN=\"hunter2-e2e\" junk\nexport 9LIVES=x\n");

        var result = await Cli("start", "--env-file", ".env", "--", "sleep", "1000");

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().Contain($"{envFile}:2:7: TOKEN: unexpected text after the closing quote")
            .And.Contain($"{envFile}:3:8: 9LIVES: invalid variable name");
        result.Stderr.Should().NotContain("hunter2-e2e");
        (await Instances.ListAsync(_daemon)).Should().BeEmpty();
        File.ReadAllText(_daemon.LogFile).Should().NotContain("hunter2-e2e");
    }

    [Fact]
    public async Task An_explicit_port_taken_by_an_instance_is_a_port_conflict()
    {
        var port = FreePorts.Block(1);
        var ok = await Cli("start", "--port", port.ToString(CultureInfo.InvariantCulture), "--", "sleep", "1000");
        ok.ExitCode.Should().Be(0, ok.ToString());
        ok.Stdout.Should().Contain($"my-project-sleep-{port} ");

        var clash = await Cli("start", "--port", port.ToString(CultureInfo.InvariantCulture), "--", "sleep", "1000");

        clash.ExitCode.Should().Be(1, clash.ToString());
        clash.Stderr.Should().Contain($"port {port} is already used by instance 'my-project-sleep-{port}'");
        (await Svcmgr.RunAsync(_home.Path, "status", $":{port}")).Stdout.Should().Contain($"my-project-sleep-{port}");
    }
}
