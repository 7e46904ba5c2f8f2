using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ServiceManager.Supervision;

public sealed partial class InstanceSupervisor
{
    private readonly Channel<StateChange> _eventQueue =
        Channel.CreateUnbounded<StateChange>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Task _events;

    /// <summary>
    /// Raised after every transition, in order, on a dispatcher task of this instance, never on the supervisor's
    /// loop: a slow handler delays later events, not the supervision. Handler exceptions are logged and swallowed.
    /// </summary>
    public event Action<InstanceSnapshot, StateTransition>? StateChanged;

    /// <summary>The running child printed its <c>ready_log_line</c> (<see cref="InstanceSnapshot.LogReady"/>); raised on the
    /// same dispatcher as <see cref="StateChanged"/>, in order with it.</summary>
    public event Action<InstanceSnapshot>? LogReady;

    private async Task DispatchEventsAsync()
    {
        await foreach (var change in _eventQueue.Reader.ReadAllAsync())
        {
            if (change.Transition is not { } t)
            {
                Deliver(() => _systemLog("ready: a line of output matched ready_log_line"));
                if (LogReady is { } ready) Deliver(() => ready(change.Snapshot));
                continue;
            }

            var text = $"{InstanceStateNames.ToText(t.From)} -> {InstanceStateNames.ToText(t.To)}: {t.Reason}";
            _context.Logger.LogInformation("Instance {Instance}: {Transition}", Id, text);
            Deliver(() => _systemLog(text));
            if (StateChanged is not { } handlers)
                continue;
            foreach (var handler in handlers.GetInvocationList())
                Deliver(() => ((Action<InstanceSnapshot, StateTransition>)handler)(change.Snapshot, t));
        }
    }

    private void Deliver(Action action)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // A subscriber's bug must not stop later events from being delivered.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _context.Logger.LogError(ex, "Instance {Instance}: a state-change handler failed", Id);
        }
    }
}
