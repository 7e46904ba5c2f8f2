namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary><c>svcmgr export systemd DIR</c>: units systemd accepts, whose words and values come out as svcmgr runs them.</summary>
public sealed class ExportSystemdTests : IDisposable
{
    private readonly TestHome _home = new();
    private readonly TempDir _dir = new("svm-export-");

    public void Dispose()
    {
        _dir.Dispose();
        _home.Dispose();
    }

    [Fact]
    public async Task Export_systemd_writes_units_that_verify_and_keep_every_word_and_value()
    {
        var workingDirectory = Path.Combine(_dir.Path, "dir with space");
        Directory.CreateDirectory(workingDirectory);
        _home.WriteConfig(ExportFixture.Config(workingDirectory, 45123));
        var units = Path.Combine(_dir.Path, "units");

        var result = await Svcmgr.RunAsync(_home.Path, "export", "systemd", units);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be($"wrote 2 units and svcmgr.target to {units}\n");
        Directory.GetFiles(units).Select(Path.GetFileName).Should().BeEquivalentTo("svcmgr-db.service", "svcmgr-nasty.service", "svcmgr.target");
        await UnitFiles.VerifyAsync(units, "svcmgr-db.service", "svcmgr-nasty.service", "svcmgr.target");

        var nasty = File.ReadAllText(Path.Combine(units, "svcmgr-nasty.service"));
        UnitFiles.Words(UnitFiles.Value(nasty, "ExecStart")).Should().Equal("/bin/sh", "-c", ExportFixture.NastyScript);
        UnitFiles.Value(nasty, "WorkingDirectory").Should().Be(workingDirectory);
        var environment = UnitFiles.Values(nasty, "Environment")
            .Select(v => UnitFiles.Words(v, expandsDollar: false).Should().ContainSingle().Subject)
            .ToDictionary(v => v[..v.IndexOf('=', StringComparison.Ordinal)], v => v[(v.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        environment.Should().Contain("GREETING", ExportFixture.Greeting).And.Contain("SPACED", "a  b").And.Contain("SVCMGR_INSTANCE", "nasty");
        UnitFiles.Value(nasty, "After").Should().Be("svcmgr-db.service");
        UnitFiles.Value(nasty, "Requires").Should().Be("svcmgr-db.service");
        UnitFiles.Value(nasty, "Restart").Should().Be("no");
        UnitFiles.Value(nasty, "KillMode").Should().Be("control-group");
        UnitFiles.Value(nasty, "TimeoutStopSec").Should().Be("10000ms");
        UnitFiles.Words(UnitFiles.Value(nasty, "ExecStop"), expandsDollar: false).Should().Equal("/bin/sh", "-c", "kill -TERM $MAINPID");
        UnitFiles.Value(nasty, "MemoryMax").Should().Be((64L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var db = File.ReadAllText(Path.Combine(units, "svcmgr-db.service"));
        UnitFiles.Words(UnitFiles.Value(db, "ExecStart")).Should().Equal(ExternalTool.Find("sleep"), "1000");
        UnitFiles.Value(db, "Restart").Should().Be("always");
        UnitFiles.Value(db, "RestartSec").Should().Be("1500ms");
        UnitFiles.Value(db, "KillSignal").Should().Be("SIGINT");
        UnitFiles.Value(db, "TimeoutStopSec").Should().Be("7000ms");
        UnitFiles.Value(db, "StartLimitBurst").Should().Be("3");
        db.Should().Contain("# health_endpoint = \"tcp://127.0.0.1:45123\"", "what systemd cannot do is named, not dropped");

        var target = File.ReadAllText(Path.Combine(units, "svcmgr.target"));
        UnitFiles.Value(target, "Wants").Should().Be("svcmgr-db.service svcmgr-nasty.service");
        UnitFiles.Value(nasty, "WantedBy").Should().Be("svcmgr.target");
    }

    [Fact]
    public async Task Export_of_an_invalid_config_fails_with_exit_3_and_writes_nothing()
    {
        _home.WriteConfig("[instances.x]\nstart_comand = \"sleep 1\"\n");
        var units = Path.Combine(_dir.Path, "units");

        var result = await Svcmgr.RunAsync(_home.Path, "export", "systemd", units);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().Contain("start_comand");
        Directory.Exists(units).Should().BeFalse();
    }
}
