using ServiceManager.Config.Model;

namespace ServiceManager.Supervision.Tests.Support;

/// <summary>A dependency gate that waits for whatever the test says.</summary>
internal sealed class DelegateGate(Func<InstanceDefinition, CancellationToken, Task> wait) : IDependencyGate
{
    public Task WaitAsync(InstanceDefinition definition, CancellationToken cancellationToken) => wait(definition, cancellationToken);
}
