using ServiceManager.Config.Model;

namespace ServiceManager.Supervision;

/// <summary>
/// <c>depends_on</c>: what a requested start (start, start --all, auto-start, restore) of an instance with dependencies
/// waits for before the fleet starts it (<see cref="FleetOptions.Dependencies"/>). Not consulted for a supervisor's own
/// crash restarts.
/// </summary>
public interface IDependencyGate
{
    /// <summary>A gate that never waits: dependencies count as ready at once.</summary>
    static IDependencyGate Open { get; } = new OpenGate();

    /// <summary>Completes once every dependency of <paramref name="definition"/> is ready; cancelled when the start is
    /// called off (a stop, a remove, a reload that changes the instance).</summary>
    Task WaitAsync(InstanceDefinition definition, CancellationToken cancellationToken);

    private sealed class OpenGate : IDependencyGate
    {
        public Task WaitAsync(InstanceDefinition definition, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
