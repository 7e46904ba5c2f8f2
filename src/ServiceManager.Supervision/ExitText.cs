using ServiceManager.Platform;

namespace ServiceManager.Supervision;

/// <summary>How a child ended, in words for transition reasons.</summary>
internal static class ExitText
{
    public static string Describe(ChildExit exit) =>
        exit.Signal is { } signal ? $"killed by signal {SignalNames.Name(signal)}" : $"exited with code {exit.Code}";
}
