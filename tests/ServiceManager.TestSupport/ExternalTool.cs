using System.Diagnostics;

namespace ServiceManager.TestSupport;

/// <summary>
/// A program a test hands svcmgr's output to (systemd-analyze, xmllint, docker). A missing one fails the test with
/// what to install: <c>.ci/run</c> installs them, and a silently skipped check would prove nothing.
/// </summary>
public static class ExternalTool
{
    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>The path of a tool the test needs; throws naming the Debian package when it is not installed.</summary>
    public static string Require(string name, string package) =>
        Find(name) ?? throw new InvalidOperationException(
            $"{name} is not installed: this test needs it (apt-get install {package}; .ci/run installs it when missing)");

    /// <summary>Runs a tool to completion (two minutes at most) in <paramref name="workingDirectory"/>, with
    /// <paramref name="environment"/> changed (a null value removes the variable).</summary>
    public static async Task<CliResult> RunAsync(
        string program, IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} still ran after two minutes; killed");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
