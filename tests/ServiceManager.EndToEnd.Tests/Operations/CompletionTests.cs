using System.Diagnostics;

namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary><c>svcmgr completion</c>: the scripts parse in their shells, and bash's completion function, installed by
/// the script as a user's .bashrc would, completes commands and instance names from a real daemon.</summary>
public sealed class CompletionTests
{
    [Theory]
    [InlineData("bash", "-n")]
    [InlineData("zsh", "-n")]
    [InlineData("fish", "--no-execute")]
    public async Task Each_script_is_accepted_by_its_shell(string shell, string checkOnly)
    {
        using var home = new TestHome();
        using var dir = new TempDir();
        var result = await Svcmgr.RunAsync(home.Path, "completion", shell);
        result.ExitCode.Should().Be(0, result.ToString());
        var script = dir.Write("svcmgr." + shell, result.Stdout);

        var (exit, output) = await RunAsync(shell, [checkOnly, script], new Dictionary<string, string>());
        exit.Should().Be(0, $"{shell} {checkOnly} must accept the script:\n{output}\n--- script\n{result.Stdout}");
    }

    [Fact]
    public async Task Bash_completes_a_command_and_an_instance_name_asked_from_the_daemon()
    {
        using var home = new TestHome();
        home.WriteConfig("""
            [instances.worker]
            start_command = "sleep 1000"

            [instances.api]
            start_command = "sleep 1000"
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        using var dir = new TempDir();
        var bin = InstallWrapper(dir);

        const string Script = """
            set -e
            eval "$(svcmgr completion bash)"
            complete -p svcmgr
            complete_line() {
                COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
                read -r -a COMP_WORDS <<< "$COMP_LINE"
                [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
                COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                COMPREPLY=()
                _svcmgr_complete
                echo "$1|$(IFS=,; echo "${COMPREPLY[*]}")"
            }
            complete_line "svcmgr sto"
            complete_line "svcmgr stop w"
            complete_line "svcmgr status "
            """;
        var (exit, output) = await RunAsync("bash", ["-c", Script], Environment(home, bin));

        exit.Should().Be(0, output);
        output.Should().Contain("complete -o default -F _svcmgr_complete svcmgr");
        output.Should().Contain("svcmgr sto|stop\n", "sto<TAB> is the command stop");
        output.Should().Contain("svcmgr stop w|worker\n", "stop w<TAB> is the instance the daemon has");
        output.Should().MatchRegex(@"svcmgr status \|(.*,)?api,(.*,)?worker(,|\n)", "every instance after status");
    }

    [Fact]
    public async Task Without_a_daemon_names_complete_to_nothing_and_commands_still_complete()
    {
        using var home = new TestHome();
        using var dir = new TempDir();
        var bin = InstallWrapper(dir);

        var (exit, output) = await RunAsync("bash", ["-c", """
            eval "$(svcmgr completion bash)"
            COMP_LINE="svcmgr stop w"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(svcmgr stop w); COMP_CWORD=2
            _svcmgr_complete; echo "names:${COMPREPLY[*]}:"
            COMP_LINE="svcmgr val"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(svcmgr val); COMP_CWORD=1
            _svcmgr_complete; echo "commands:${COMPREPLY[*]}:"
            """], Environment(home, bin));

        exit.Should().Be(0, output);
        output.Should().Contain("names::").And.Contain("commands:validate:");
    }

    /// <summary>An executable called svcmgr, as the user's PATH has it: here the test build, run by dotnet.</summary>
    private static string InstallWrapper(TempDir dir)
    {
        var wrapper = dir.Write("bin/svcmgr", $"#!/bin/sh\nexec dotnet '{Svcmgr.Dll}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return Path.GetDirectoryName(wrapper)!;
    }

    private static Dictionary<string, string> Environment(TestHome home, string bin) => new()
    {
        ["SVCMGR_HOME"] = home.Path,
        ["PATH"] = bin + ":" + System.Environment.GetEnvironmentVariable("PATH"),
    };

    private static async Task<(int Exit, string Output)> RunAsync(string program, string[] args, Dictionary<string, string> environment)
    {
        var found = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));
        found.Should().BeTrue($"{program} must be installed (.ci/run installs bash, zsh and fish from Debian)");
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        info.Environment.Remove("SVCMGR_SOCKET");
        info.Environment.Remove("SVCMGR_CONFIG");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
