using System.Diagnostics;

namespace ServiceManager.Native.Tests;

/// <summary>One run of the C program: its return code line and its key=value lines.</summary>
internal sealed record CProgramResult(int ExitCode, IReadOnlyDictionary<string, string> Values, string Output)
{
    /// <summary>What the library function returned (the program's "rc=" line).</summary>
    public int Rc => int.Parse(Values["rc"], System.Globalization.CultureInfo.InvariantCulture);

    public string? Error => Values.GetValueOrDefault("error");

    public string? Result => Values.GetValueOrDefault("result");

    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>Runs the C program (c/svcmgr-c.c) built by <see cref="NativeLibrary"/>.</summary>
internal static class CProgram
{
    /// <summary>Runs <paramref name="program"/> (c/svcmgr-c.c) against <paramref name="socket"/> ("-": the default,
    /// found from <paramref name="home"/> as SVCMGR_HOME).</summary>
    public static async Task<CProgramResult> RunAsync(string program, string socket, string? home, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(socket);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Remove("SVCMGR_SOCKET");
        if (home is null) info.Environment.Remove("SVCMGR_HOME");
        else info.Environment["SVCMGR_HOME"] = home;

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
            throw new TimeoutException($"svcmgr-c {string.Join(' ', args)} still ran after 2 minutes; killed");
        }

        var output = await stdout + await stderr;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (await stdout).Split('\n'))
            if (line.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
                values.TryAdd(line[..eq], line[(eq + 1)..]);
        return new CProgramResult(process.ExitCode, values, output);
    }
}
