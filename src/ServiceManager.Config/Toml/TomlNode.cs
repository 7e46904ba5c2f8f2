using ServiceManager.Config.Model;

namespace ServiceManager.Config.Toml;

/// <summary>A TOML value with the place it was written, which Tomlyn's object model does not keep.</summary>
internal abstract class TomlNode(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    /// <summary>"a string", "an integer", ... for type-mismatch messages.</summary>
    public abstract string KindName { get; }
}
