namespace ServiceManager.Platform;

/// <summary>What to run: argv, the complete environment (nothing is inherited implicitly) and the working directory.</summary>
/// <param name="Program">argv[0]; looked up on the PATH of <paramref name="Environment"/> when it has no slash.</param>
public sealed record SpawnRequest(
    string Program,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory);
