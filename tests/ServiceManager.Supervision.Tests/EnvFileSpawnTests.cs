using ServiceManager.Config;
using ServiceManager.Platform;
using ServiceManager.Supervision.Tests.Support;

namespace ServiceManager.Supervision.Tests;

/// <summary>What a child's environment is made of, lowest to highest: the daemon's, the env file as it reads at that
/// start, the env tables, the command's leading assignments, then PORT and the SVCMGR_ variables.</summary>
public sealed class EnvFileSpawnTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Config.Model.InstanceDefinition Load()
    {
        File.WriteAllText(_dir.File("services.toml"), """
            [templates.t]
            env_file = "app.env"
            env = { B = "template" }
            start_command = "C=command run {port}"
            [instances.i]
            template = "t"
            port = 7000
            env = { C = "instance-table" }
            """);
        return ConfigLoader.Load(_dir.File("services.toml"), Daemon).Instances.Single();
    }

    private static readonly Dictionary<string, string> Daemon = new() { ["A"] = "daemon", ["D"] = "daemon", ["HOME_DIR"] = "/h" };

    [Fact]
    public void The_env_file_goes_under_the_config_and_over_the_daemon()
    {
        File.WriteAllText(_dir.File("app.env"), "A=file\nB=file\nC=file\nPORT=1\nSVCMGR_INSTANCE=spoofed\nH=${HOME_DIR}/x\n");

        var environment = SpawnRequests.ForInstance(Load(), Daemon).Environment;

        environment.Should().Contain(new Dictionary<string, string>
        {
            ["A"] = "file",
            ["B"] = "template",
            ["C"] = "command",
            ["D"] = "daemon",
            ["H"] = "/h/x",
            ["PORT"] = "7000",
            ["SVCMGR_INSTANCE"] = "i",
            ["SVCMGR_TEMPLATE"] = "t",
        });
    }

    [Fact]
    public void Each_start_reads_the_file_as_it_is_then()
    {
        File.WriteAllText(_dir.File("app.env"), "A=one\nE=gone-later\n");
        var definition = Load();
        SpawnRequests.ForInstance(definition, Daemon).Environment.Should().Contain("E", "gone-later");

        File.WriteAllText(_dir.File("app.env"), "A=two\n");
        var environment = SpawnRequests.ForInstance(definition, Daemon).Environment;

        environment["A"].Should().Be("two");
        environment.Should().NotContainKey("E", "a key removed from the file is gone from the next run");
    }

    [Fact]
    public void An_unreadable_env_file_fails_the_start_with_its_path()
    {
        File.WriteAllText(_dir.File("app.env"), "A=one\n");
        var definition = Load();
        File.Delete(_dir.File("app.env"));

        var act = () => SpawnRequests.ForInstance(definition, Daemon);

        act.Should().Throw<SpawnException>().WithMessage($"*{_dir.File("app.env")}*no such file*");
    }

    [Fact]
    public void A_reload_sees_an_edited_env_file_as_a_change()
    {
        File.WriteAllText(_dir.File("app.env"), "A=one\n");
        var before = Load();
        Load().SameAs(before).Should().BeTrue();

        File.WriteAllText(_dir.File("app.env"), "A=two\n");

        Load().SameAs(before).Should().BeFalse();
    }
}
