using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using ServiceManager.Protocol.Client;

namespace ServiceManager.EndToEnd.Tests.Cli;

/// <summary>
/// svcmgr hands daemon, top, mcp and doctor over to sibling executables with exec (docs/architecture.md): the pid the
/// user started is the sibling's, arguments, descriptors and the exit code pass through, and the client itself
/// carries only what a client needs.
/// </summary>
public sealed class SiblingHandoverTests
{
    private const string SleeperConfig = """
        [instances.s1]
        start_command = ["sleep", "3600"]
        auto_start = true
        """;

    /// <summary>What svcmgr.dll may reference besides the framework: the lean client's whole world.</summary>
    private static readonly string[] ClientAssemblies =
        ["ServiceManager.Protocol", "ServiceManager.Text", "ServiceManager.Platform", "System.CommandLine"];

    [Fact]
    public async Task The_daemon_runs_under_the_pid_that_was_started_and_stops_with_its_children_on_SIGTERM()
    {
        using var home = new TestHome();
        home.WriteConfig(SleeperConfig);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var client = await daemon.ConnectAsync();

        var ping = await client.PingAsync();
        var child = await Eventually.GetAsync(async () => (await client.StatusAsync("s1")).Pid, pid => pid is not null, "s1 to run");

        ping.Pid.Should().Be(daemon.Process.Id, "`svcmgr daemon` became svcmgr-daemon in the same process");
        File.ReadAllText($"/proc/{daemon.Process.Id}/cmdline").Should().Contain("svcmgr-daemon.dll");
        (await daemon.TerminateAsync()).Should().Be(0);
        Processes.IsAlive(child!.Value).Should().BeFalse("SIGTERM reached the daemon, which stopped its child");
    }

    [Fact]
    public async Task Global_options_before_the_command_and_options_after_it_reach_the_sibling()
    {
        using var home = new TestHome();
        var socket = Path.Combine(home.Path, "other.sock");
        var config = Path.Combine(home.Path, "elsewhere.toml");
        File.WriteAllText(config, SleeperConfig);

        using var process = Process.Start(Svcmgr.StartInfo(home.Path, ["--socket", socket, "daemon", $"--config={config}"]))!;
        process.StandardInput.Close();
        try
        {
            var list = await Eventually.GetAsync(async () =>
            {
                await using var client = await DaemonClient.ConnectAsync(socket);
                return await client.ListAsync(new());
            }, _ => true, "the daemon to answer on the --socket given before `daemon`");

            list.Select(i => i.Id).Should().Equal(["s1"], "the --config given after `daemon` was loaded");
        }
        finally
        {
            ServiceManager.Platform.Unix.UnixProcess.Signal(process.Id, 15);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Output_and_the_exit_code_pass_through()
    {
        using var home = new TestHome();
        home.WriteConfig("[instances.web]\nstart_command = \"sleep 1\"\nbogus = 1\n");

        var help = await Svcmgr.RunAsync(home.Path, "daemon", "--help");
        var invalid = await Svcmgr.RunAsync(home.Path, "daemon");

        help.ExitCode.Should().Be(0, help.ToString());
        help.Stdout.Should().Contain("svcmgr-daemon daemon [options]", "the sibling prints its own help on the same stdout");
        invalid.ExitCode.Should().Be(3, "the sibling's exit code is the command's: " + invalid);
        invalid.Stderr.Should().Contain("bogus");
    }

    [Fact]
    public async Task A_command_line_that_only_the_parser_understands_is_handed_over_too()
    {
        using var home = new TestHome();
        var responseFile = Path.Combine(home.Path, "args.rsp");
        File.WriteAllLines(responseFile, ["doctor", "--json"]);

        var result = await Svcmgr.RunAsync(home.Path, "@" + responseFile);

        using var checks = JsonDocument.Parse(result.Stdout);
        checks.RootElement.EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Contain(["daemon", "config"], result.ToString());
    }

    [Fact]
    public async Task The_client_runs_from_its_own_files_alone_and_names_a_missing_sibling()
    {
        using var home = new TestHome();
        home.WriteConfig(SleeperConfig);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        var lean = Directory.CreateTempSubdirectory("svcmgr-lean-").FullName;
        try
        {
            foreach (var file in ClientAssemblies.Select(a => a + ".dll").Append("svcmgr.dll").Append("svcmgr.runtimeconfig.json"))
                File.Copy(Path.Combine(AppContext.BaseDirectory, file), Path.Combine(lean, file));

            var list = await RunAsync(Path.Combine(lean, "svcmgr.dll"), home.Path, "list");
            var handover = await RunAsync(Path.Combine(lean, "svcmgr.dll"), home.Path, "daemon");

            list.ExitCode.Should().Be(0, list.ToString());
            list.Stdout.Should().Contain("s1");
            handover.ExitCode.Should().Be(1, handover.ToString());
            handover.Stderr.Should().Contain(Path.Combine(lean, "svcmgr-daemon.dll")).And.Contain("missing");
        }
        finally
        {
            Directory.Delete(lean, recursive: true);
        }
    }

    [Fact]
    public void The_client_references_no_assembly_beyond_protocol_text_platform_and_the_command_line()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "svcmgr.dll"));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();

        var references = metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name));

        references.Where(r => !r.StartsWith("System.", StringComparison.Ordinal) && r is not ("System" or "mscorlib" or "netstandard") || r == "System.CommandLine")
            .Should().BeSubsetOf(ClientAssemblies, "the daemon, TUI and MCP server run in siblings; svcmgr must not carry them");
    }

    private static async Task<CliResult> RunAsync(string dll, string home, params string[] args)
    {
        var info = Svcmgr.StartInfo(home, args);
        info.ArgumentList[0] = dll;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
