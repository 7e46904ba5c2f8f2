namespace ServiceManager.EndToEnd.Tests.Infrastructure;

/// <summary>What one run of the svcmgr executable did.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
