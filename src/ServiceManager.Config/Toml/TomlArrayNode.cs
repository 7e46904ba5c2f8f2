using ServiceManager.Config.Model;

namespace ServiceManager.Config.Toml;

/// <summary>An array, or an array of tables (<c>[[x]]</c>), which grows while the document is read.</summary>
internal sealed class TomlArrayNode(SourceLocation location) : TomlNode(location)
{
    public List<TomlNode> Items { get; } = [];

    public override string KindName => "an array";
}
