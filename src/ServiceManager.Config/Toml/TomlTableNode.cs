using ServiceManager.Config.Model;

namespace ServiceManager.Config.Toml;

/// <summary>A table in document order.</summary>
internal sealed class TomlTableNode(SourceLocation location) : TomlNode(location)
{
    private readonly List<TomlEntry> _entries = [];

    public IReadOnlyList<TomlEntry> Entries => _entries;

    public override string KindName => "a table";

    public TomlEntry? Find(string key) => _entries.Find(e => e.Key == key);

    public void Add(TomlEntry entry) => _entries.Add(entry);
}
