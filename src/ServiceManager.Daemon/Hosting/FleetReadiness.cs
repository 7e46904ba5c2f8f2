namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// Completed once start-up has restored the fleet. The socket accepts clients before that, but serves them only
/// after: a <c>list</c> during orphan recovery would show half a fleet, and a <c>start web-1</c> would be told that
/// web-1 does not exist.
/// </summary>
internal sealed class FleetReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WhenReady => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();
}
