namespace ServiceManager.Mcp.Tests.Infrastructure;

/// <summary>Config files the tests run with.</summary>
internal static class Configs
{
    /// <summary>One instance that prints "tick" five times a second until stopped.</summary>
    public const string Echo = """
        [templates.worker]
        description = "A loop that prints its name"
        start_command = ["sh", "-c", "while :; do echo \"work $SVCMGR_INSTANCE\"; sleep 0.2; done"]

        [instances.echo]
        start_command = ["sh", "-c", "while :; do echo tick; sleep 0.2; done"]
        """;
}
