namespace ServiceManager.Cli;

/// <summary>Exit codes of every command (product spec, section 4).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int DaemonUnreachable = 2;
    public const int ConfigInvalid = 3;
    public const int NotFound = 4;
    public const int Usage = 64;
}
