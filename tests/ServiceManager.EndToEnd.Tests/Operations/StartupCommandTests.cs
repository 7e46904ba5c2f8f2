using System.Xml.Linq;

namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary><c>svcmgr startup systemd|launchd</c>: boot units for this installation's daemon, checked by the tools that read them.</summary>
public sealed class StartupCommandTests : IDisposable
{
    private readonly TestHome _home = new();
    private readonly TempDir _out = new("svm-units-");

    public void Dispose()
    {
        _out.Dispose();
        _home.Dispose();
    }

    /// <summary>The JIT build the tests run: <c>dotnet svcmgr-daemon.dll</c> beside the tests, by absolute paths.</summary>
    private static void ShouldRunTheDaemon(IReadOnlyList<string> argv, params string[] arguments)
    {
        Path.IsPathRooted(argv[0]).Should().BeTrue(string.Join(' ', argv));
        Path.GetFileName(argv[0]).Should().Be("dotnet");
        File.Exists(argv[0]).Should().BeTrue();
        argv.Skip(1).Should().Equal([Path.Combine(AppContext.BaseDirectory, "svcmgr-daemon.dll"), .. arguments]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Startup_systemd_prints_a_notify_unit_that_systemd_analyze_verify_accepts(bool user)
    {
        var result = await Svcmgr.RunAsync(_home.Path, user ? ["startup", "systemd", "--user"] : ["startup", "systemd"]);

        result.ExitCode.Should().Be(0, result.ToString());
        var unit = result.Stdout;
        _out.Write("svcmgr.service", unit);
        await UnitFiles.VerifyAsync(_out.Path, "svcmgr.service");
        UnitFiles.Value(unit, "Type").Should().Be("notify");
        UnitFiles.Value(unit, "ExecReload").Should().Be("/bin/kill -HUP $MAINPID");
        UnitFiles.Value(unit, "Restart").Should().Be("on-failure");
        UnitFiles.Value(unit, "KillMode").Should().Be("mixed");
        ShouldRunTheDaemon(UnitFiles.Words(UnitFiles.Value(unit, "ExecStart")), "daemon");
        UnitFiles.Values(unit, "Environment").Select(v => string.Concat(UnitFiles.Words(v, expandsDollar: false)))
            .Should().Contain($"SVCMGR_HOME={_home.Path}");
        UnitFiles.Value(unit, "WantedBy").Should().Be(user ? "default.target" : "multi-user.target");
        result.Stderr.Should().Contain(user ? "systemctl --user enable --now svcmgr" : "systemctl enable --now svcmgr");
    }

    [Fact]
    public async Task Startup_systemd_passes_global_options_to_the_daemon_and_writes_the_file_with_output()
    {
        var config = Path.Combine(_out.Path, "my services.toml");
        var target = _out.File("svcmgr.service");

        var result = await Svcmgr.RunAsync(_home.Path, "--config", config, "startup", "systemd", "--output", target);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain($"wrote {target}");
        var unit = File.ReadAllText(target);
        ShouldRunTheDaemon(UnitFiles.Words(UnitFiles.Value(unit, "ExecStart")), "--config", config, "daemon");
        await UnitFiles.VerifyAsync(_out.Path, "svcmgr.service");
    }

    [Fact]
    public async Task Startup_launchd_prints_a_plist_that_xmllint_accepts()
    {
        var result = await Svcmgr.RunAsync(_home.Path, "startup", "launchd");

        result.ExitCode.Should().Be(0, result.ToString());
        var file = _out.Write("dev.svcmgr.daemon.plist", result.Stdout);
        var xmllint = ExternalTool.Require("xmllint", "libxml2-utils");
        var lint = await ExternalTool.RunAsync(xmllint, ["--noout", file]);
        lint.ExitCode.Should().Be(0, lint.ToString());
        lint.Stderr.Should().BeEmpty();

        var dict = XDocument.Parse(result.Stdout).Root!.Element("dict")!;
        string? Next(string key) => dict.Elements("key").Single(k => k.Value == key).ElementsAfterSelf().First().ToString();
        XElement After(string key) => dict.Elements("key").Single(k => k.Value == key).ElementsAfterSelf().First();
        After("Label").Value.Should().Be("dev.svcmgr.daemon");
        ShouldRunTheDaemon([.. After("ProgramArguments").Elements("string").Select(e => e.Value)], "daemon");
        After("RunAtLoad").Name.LocalName.Should().Be("true");
        Next("KeepAlive").Should().Contain("SuccessfulExit");
        After("StandardOutPath").Value.Should().Be(Path.Combine(_home.Path, "launchd.out.log"));
        After("StandardErrorPath").Value.Should().Be(Path.Combine(_home.Path, "launchd.err.log"));
        var environment = After("EnvironmentVariables").Elements().ToList();
        environment[environment.FindIndex(e => e.Value == "SVCMGR_HOME") + 1].Value.Should().Be(_home.Path);
    }
}
