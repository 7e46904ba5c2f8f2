using ServiceManager.Platform;

namespace ServiceManager.Platform.Tests;

/// <summary>A child's exit, waited for with the shared deadline.</summary>
internal static class ChildExits
{
    public static Task<ChildExit> WaitAsync(IChildProcess child) => child.Exited.WaitAsync(Eventually.DefaultTimeout);
}
