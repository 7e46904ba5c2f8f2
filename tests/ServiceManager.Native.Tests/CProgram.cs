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
        var run = await ExternalTool.RunAsync(program, [socket, .. args], environment: new Dictionary<string, string?>
        {
            ["SVCMGR_SOCKET"] = null,
            ["SVCMGR_HOME"] = home,
        });
        var output = run.Stdout + run.Stderr;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in run.Stdout.Split('\n'))
            if (line.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
                values.TryAdd(line[..eq], line[(eq + 1)..]);
        return new CProgramResult(run.ExitCode, values, output);
    }
}
