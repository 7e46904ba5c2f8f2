using System.Collections;

namespace ServiceManager.Supervision;

/// <summary>The daemon's own environment, the base every child's environment is built on.</summary>
public static class DaemonEnvironment
{
    /// <summary>Copies the current process environment; later changes to it do not leak into children.</summary>
    public static IReadOnlyDictionary<string, string> Capture()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
                result[key] = value;
        }
        return result;
    }
}
