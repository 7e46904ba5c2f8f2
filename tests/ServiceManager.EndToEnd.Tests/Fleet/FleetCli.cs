using System.Diagnostics;

namespace ServiceManager.EndToEnd.Tests.Fleet;

/// <summary>Runs the CLI from a given working directory: <c>start --</c> sends it as the new instance's cwd.</summary>
internal static class FleetCli
{
    public static async Task<CliResult> RunInAsync(string home, string workingDirectory, params string[] args)
    {
        var info = Svcmgr.StartInfo(home, args);
        info.WorkingDirectory = workingDirectory;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"`svcmgr {string.Join(' ', args)}` still ran after 2 minutes; killed.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
