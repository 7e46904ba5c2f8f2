using System.Diagnostics;

namespace ServiceManager.TestSupport;

/// <summary>Runs the real svcmgr executable (the build output copied next to the tests).</summary>
public static class Svcmgr
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "svcmgr.dll");

    /// <summary>Environment for a svcmgr process on <paramref name="home"/>; null removes an inherited variable.</summary>
    public static Dictionary<string, string?> Environment(string home) => new()
    {
        ["SVCMGR_HOME"] = home,
        ["SVCMGR_SOCKET"] = null,
        ["SVCMGR_CONFIG"] = null,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    /// <param name="dll">Another copy of svcmgr.dll than the build output's (a test that changes what lies beside it).</param>
    public static ProcessStartInfo StartInfo(string home, IEnumerable<string> args, string? dll = null)
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
        foreach (var (key, value) in Environment(home))
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }

        return info;
    }

    public static Task<CliResult> RunAsync(string home, params string[] args) => RunAsync(TimeSpan.FromMinutes(2), home, args);

    /// <summary>Runs the CLI to completion; past <paramref name="timeout"/> it is killed (with its children) and the test fails.</summary>
    public static async Task<CliResult> RunAsync(TimeSpan timeout, string home, params string[] args)
    {
        using var process = Process.Start(StartInfo(home, args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
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
