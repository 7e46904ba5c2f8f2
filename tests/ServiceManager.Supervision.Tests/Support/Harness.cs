using Microsoft.Extensions.Logging.Abstractions;
using ServiceManager.Config.Model;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Supervision.Tests.Support;

/// <summary>One supervisor over the real spawner, with a recording sink; disposing stops the child.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private readonly UnixProcessSpawner _spawner = new();

    public Harness(InstanceDefinition definition, TimeProvider? time = null, IReadOnlyDictionary<string, string>? baseEnvironment = null)
    {
        var context = new SupervisorContext(
            _spawner, time ?? TimeProvider.System, baseEnvironment ?? DaemonEnvironment.Capture(), NullLogger.Instance);
        Supervisor = new InstanceSupervisor(definition, 1, Sink, Sink.AppendSystemLine, context);
    }

    public RecordingSink Sink { get; } = new();

    public InstanceSupervisor Supervisor { get; }

    public InstanceSnapshot Snapshot => Supervisor.Snapshot;

    public async Task<InstanceSnapshot> WaitForAsync(Func<InstanceSnapshot, bool> accept, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await Eventually.ValueAsync(() => Supervisor.Snapshot, accept, what, timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Describe(Supervisor.Snapshot)}", e);
        }
    }

    public static string Describe(InstanceSnapshot s) =>
        $"state={s.State} pid={s.Pid} restarts={s.Restarts} lastError={s.LastError}\n"
        + string.Join("\n", s.Transitions.Select(t => $"  {t.At:HH:mm:ss.fff} {t.From} -> {t.To}: {t.Reason}"));

    public Task<InstanceSnapshot> WaitForStateAsync(InstanceState state, TimeSpan? timeout = null) =>
        WaitForAsync(s => s.State == state, $"state {state}", timeout);

    public async ValueTask DisposeAsync()
    {
        await Supervisor.DisposeAsync();
        _spawner.Dispose();
    }
}
