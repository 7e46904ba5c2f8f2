using System.Diagnostics;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests.Cgroups;

/// <summary>The pre-exec step on its own: the shell runs the actions, then becomes the program, or stops with a message.</summary>
public sealed class PreExecTests
{
    [Fact]
    public void Values_travel_as_arguments_and_the_environment_as_the_environment()
    {
        var env = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["SECRET"] = "s3cret", ["PWD"] = "/x" };

        var (path, argv, envp) = PreExec.Wrap("prog", ["a b", "$HOME"], env, [new PreExecAction("echo \"$1\"", ["one value"])]);

        path.Should().Be("/bin/sh");
        argv.Take(2).Should().Equal("sh", "-c");
        argv.Skip(3).Should().Equal("svcmgr", "one value", "/x", "prog", "a b", "$HOME");
        argv[2].Should().Be("echo \"$1\"\nshift 1\nexport PWD=\"$1\"\nshift\nexec \"$@\"");
        envp.Should().BeEquivalentTo(["PATH=/usr/bin:/bin", "SECRET=s3cret"]);
        string.Join(' ', argv).Should().NotContain("s3cret", "a command line is readable by every user");
    }

    [Fact]
    public void Variables_a_shell_would_alter_or_drop_go_to_env_instead()
    {
        var env = new Dictionary<string, string> { ["OPTIND"] = "abc", ["a.b"] = "1", ["BASH_FUNC_f%%"] = "() { :; }", ["OK"] = "1" };

        var (_, argv, envp) = PreExec.Wrap("prog", [], env, []);

        envp.Should().Equal("OK=1");
        argv[2].Should().Be("unset PWD\nexec /usr/bin/env -- \"$@\"");
        argv.Skip(4).Should().BeEquivalentTo(["OPTIND=abc", "a.b=1", "BASH_FUNC_f%%=() { :; }", "prog"]);
        argv[^1].Should().Be("prog");
        PreExec.IsShellName("_a1").Should().BeTrue();
        PreExec.IsShellName("1a").Should().BeFalse();
        PreExec.IsShellName("").Should().BeFalse();
    }

    [Fact]
    public void A_program_whose_name_env_would_misread_is_refused()
    {
        var act = () => PreExec.Wrap("a=b", [], new Dictionary<string, string> { ["x.y"] = "1" }, []);

        act.Should().Throw<SpawnException>().WithMessage("*contains '='*");
    }

    [Fact]
    public async Task A_failed_join_stops_the_child_with_a_message_and_exit_125_and_the_program_never_runs()
    {
        using var dir = new TempDir();
        var marker = Path.Combine(dir.Path, "ran");
        var (path, argv, envp) = PreExec.Wrap(
            "touch", [marker], new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
            [PreExecAction.JoinCgroup("/nonexistent-cgroup/cgroup.procs")]);

        var (code, stderr) = await RunAsync(path, argv, envp);

        code.Should().Be(PreExecAction.FailureExitCode);
        stderr.Should().Contain("svcmgr: cannot join cgroup /nonexistent-cgroup; not starting the program outside it");
        File.Exists(marker).Should().BeFalse();
    }

    private static async Task<(int Code, string Stderr)> RunAsync(string path, List<string> argv, List<string> envp)
    {
        var info = new ProcessStartInfo(path) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in argv.Skip(1)) info.ArgumentList.Add(arg);
        info.Environment.Clear();
        foreach (var entry in envp) info.Environment[entry[..entry.IndexOf('=', StringComparison.Ordinal)]] = entry[(entry.IndexOf('=', StringComparison.Ordinal) + 1)..];
        using var process = Process.Start(info)!;
        var stderr = await process.StandardError.ReadToEndAsync().WaitAsync(Eventually.DefaultTimeout);
        await process.WaitForExitAsync().WaitAsync(Eventually.DefaultTimeout);
        return (process.ExitCode, stderr);
    }
}
