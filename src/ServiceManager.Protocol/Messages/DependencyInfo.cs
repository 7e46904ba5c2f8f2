namespace ServiceManager.Protocol.Messages;

/// <summary>A <c>depends_on</c> entry as configured.</summary>
/// <param name="Condition"><c>running</c> (a bare name), <c>started</c>, <c>healthy</c>, <c>log_ready</c> or <c>completed</c>.</param>
public sealed record DependencyInfo(string Name, string Condition);
