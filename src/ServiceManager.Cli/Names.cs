namespace ServiceManager.Cli;

/// <summary>What a NAME argument may be; the daemon resolves it (docs/cli.md#name), the CLI only describes it.</summary>
internal static class Names
{
    public const string Description = "Instance id, numeric id, port (8080 or :8080), or pid:PID";
}
