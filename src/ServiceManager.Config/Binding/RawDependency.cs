using ServiceManager.Config.Model;

namespace ServiceManager.Config.Binding;

/// <summary>One <c>depends_on</c> entry as written: a name, or <c>{ name, condition }</c>; where it was written.</summary>
internal sealed record RawDependency(string Name, DependencyCondition Condition, SourceLocation Location);
