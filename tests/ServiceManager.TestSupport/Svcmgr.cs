using System.Diagnostics;

namespace ServiceManager.TestSupport;

/// <summary>Runs the real svcmgr executable (the build output copied next to the tests).</summary>
public static class Svcmgr
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "svcmgr.dll");

    /// <summary>
    /// Environment for a svcmgr process on <paramref name="home"/>; null removes an inherited variable. The daemon's
    /// auto-start is off: tests start their daemons themselves (<see cref="DaemonProcess"/>), and one started in the
    /// background by a stray <c>start</c> would outlive the test. The tests of auto-start turn it back on.
    /// </summary>
    public static Dictionary<string, string?> Environment(string home) => new()
    {
        ["SVCMGR_HOME"] = home,
        ["SVCMGR_SOCKET"] = null,
        ["SVCMGR_CONFIG"] = null,
        ["SVCMGR_NO_AUTOSTART"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    /// <param name="environment">Variables to set (or, with null, remove) on top of <see cref="Environment"/>.</param>
    /// <param name="dll">Another copy of svcmgr.dll than the build output's (a test that changes what lies beside it).</param>
    public static ProcessStartInfo StartInfo(
        string home, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? dll = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll ?? Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var variables = Environment(home);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) variables[key] = value;
        foreach (var (key, value) in variables)
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }

        return info;
    }

    public static Task<CliResult> RunAsync(string home, params string[] args) => RunAsync(TimeSpan.FromMinutes(2), home, args);

    /// <summary>Runs the CLI to completion; past <paramref name="timeout"/> it is killed (with its children) and the test fails.</summary>
    public static Task<CliResult> RunAsync(TimeSpan timeout, string home, params string[] args) => RunWithAsync(timeout, home, null, null, args);

    /// <param name="environment">As for <see cref="StartInfo"/>.</param>
    /// <param name="input">Written to its stdin, which is then closed.</param>
    public static async Task<CliResult> RunWithAsync(
        TimeSpan timeout, string home, IReadOnlyDictionary<string, string?>? environment, string? input, params string[] args)
    {
        using var process = Process.Start(StartInfo(home, args, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"`svcmgr {string.Join(' ', args)}` still ran after {timeout}; killed.\n--- stdout\n{await stdout}\n--- stderr\n{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
