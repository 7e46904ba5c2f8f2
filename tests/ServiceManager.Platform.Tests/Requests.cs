using System.Collections;
using ServiceManager.Platform;

namespace ServiceManager.Platform.Tests;

internal static class Requests
{
    public static Dictionary<string, string> InheritedEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            env[(string)entry.Key] = (string?)entry.Value ?? "";
        return env;
    }

    public static SpawnRequest Sh(string script, IReadOnlyDictionary<string, string>? env = null, string? cwd = null) =>
        new("sh", ["-c", script], env ?? InheritedEnvironment(), cwd ?? Path.GetTempPath());

    public static SpawnRequest Run(string program, params string[] args) =>
        new(program, args, InheritedEnvironment(), Path.GetTempPath());
}
