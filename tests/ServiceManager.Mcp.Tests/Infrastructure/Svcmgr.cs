using System.Diagnostics;

namespace ServiceManager.Mcp.Tests.Infrastructure;

/// <summary>The real svcmgr executable (the build output copied next to the tests).</summary>
internal static class Svcmgr
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

    public static ProcessStartInfo StartInfo(string home, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in Environment(home))
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }

        return info;
    }
}
