namespace ServiceManager.Web.Hosting;

/// <summary>The exit codes of <c>svcmgr web</c>, as the CLI's (product spec, section 4).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int Usage = 64;
}
