using ServiceManager.Config.Model;

namespace ServiceManager.Config.Binding;

/// <summary>A value with the dotted key it came from and where its value was written, for later error messages.</summary>
internal sealed record Located<T>(T Value, string Key, SourceLocation Location);
