using System.Diagnostics;
using System.Text.RegularExpressions;
using ServiceManager.Protocol.Client;

namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary>The dotnet tool package: <c>dotnet pack</c> of the CLI, installed from a local folder with
/// <c>dotnet tool install --tool-path</c>, runs: <c>--version</c> names version and commit, <c>daemon</c> (handed over
/// to the <c>svcmgr-daemon</c> assembly inside the package) answers, and a client command reaches it.</summary>
public sealed class ToolPackageTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task The_packed_tool_installs_from_a_local_source_and_runs_version_daemon_and_list()
    {
        using var dir = new TempDir("svm-tool-");
        var feed = Directory.CreateDirectory(dir.File("feed")).FullName;
        var tools = dir.File("tools");
        // Release: its own bin/ and obj/ folders, so the pack does not rewrite the Debug build the tests run from.
        await RunAsync("dotnet", ["pack", Repository.File("src/ServiceManager.Cli/ServiceManager.Cli.csproj"), "-c", "Release", "-o", feed, "--nologo"]);
        Directory.GetFiles(feed, "svcmgr.*.nupkg").Should().ContainSingle("the package is named svcmgr");
        // Only the local folder: the install must not depend on nuget.org.
        var nugetConfig = dir.Write("nuget.config", $"""
            <configuration>
              <packageSources><clear /><add key="local" value="{feed}" /></packageSources>
            </configuration>
            """);
        await RunAsync("dotnet", ["tool", "install", "svcmgr", "--tool-path", tools, "--configfile", nugetConfig]);
        var svcmgr = Path.Combine(tools, "svcmgr");

        var version = await RunAsync(svcmgr, ["--version"]);
        var head = (await RunAsync("git", ["-C", Repository.Root, "rev-parse", "HEAD"])).Trim();
        version.Trim().Should().MatchRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\+[0-9a-f]{40}$").And.EndWith("+" + head, "--version names the commit it was built from");

        using var home = new TestHome();
        home.WriteConfig("""
            [instances.sleeper]
            start_command = "sleep 1000"
            auto_start = true
            """);
        var environment = new Dictionary<string, string> { ["SVCMGR_HOME"] = home.Path, ["SVCMGR_NO_AUTOSTART"] = "1" };
        using var daemon = Start(svcmgr, ["daemon"], environment);
        try
        {
            var socket = Path.Combine(home.Path, "svcmgr.sock");
            await Eventually.GetAsync(async () =>
            {
                if (daemon.HasExited) throw new InvalidOperationException($"the tool's daemon exited with {daemon.ExitCode}");
                await using var client = await DaemonClient.ConnectAsync(socket);
                return await client.PingAsync();
            }, _ => true, "the daemon started through the tool to answer");

            var list = await RunAsync(svcmgr, ["list"], environment);
            list.Should().MatchRegex(@"(?m)^1\s+sleeper\s+-\s+running\b", "the tool's svcmgr talks to the tool's daemon, which runs the instance");
            var validate = await RunAsync(svcmgr, ["validate"], environment);
            validate.Should().Contain("valid: 1 instance", "a config verb runs in the package's svcmgr-daemon too");
        }
        finally
        {
            if (!daemon.HasExited)
            {
                Process.Start("kill", ["-TERM", daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
                using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                await daemon.WaitForExitAsync(stop.Token);
            }
        }

        daemon.ExitCode.Should().Be(0, "SIGTERM stops the daemon cleanly");
    }

    private static Process Start(string program, string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var info = Info(program, args, environment);
        var process = Process.Start(info)!;
        process.StandardInput.Close();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> RunAsync(string program, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(Info(program, args, environment ?? new Dictionary<string, string>()))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Slow);
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        process.ExitCode.Should().Be(0, $"`{program} {string.Join(' ', args)}` must succeed:\n{output}\n{await stderr}");
        return output;
    }

    private static ProcessStartInfo Info(string program, string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment.Remove("SVCMGR_SOCKET");
        info.Environment.Remove("SVCMGR_CONFIG");
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return info;
    }
}
