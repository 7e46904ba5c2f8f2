namespace ServiceManager.Config.Binding;

/// <summary>One entry of an <c>env</c> table.</summary>
internal sealed record RawEnvEntry(string Name, Located<string> Value);
