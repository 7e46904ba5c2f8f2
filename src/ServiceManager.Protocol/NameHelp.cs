namespace ServiceManager.Protocol;

/// <summary>
/// What a front end tells its user a NAME may be. The daemon resolves every name (one resolver, in the fleet; the
/// rules and their order: docs/cli.md#name); front ends pass names through and only describe them.
/// </summary>
public static class NameHelp
{
    /// <summary>For help texts and tool schemas; a constant so attributes can use it.</summary>
    public const string Description = "Instance id, numeric id, port (8080 or :8080), or pid:PID (an instance's process or a descendant)";
}
