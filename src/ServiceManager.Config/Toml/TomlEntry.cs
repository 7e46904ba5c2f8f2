using ServiceManager.Config.Model;

namespace ServiceManager.Config.Toml;

/// <summary>One key of a table; <paramref name="KeyLocation"/> is where the key itself was written.</summary>
internal sealed record TomlEntry(string Key, SourceLocation KeyLocation, TomlNode Value);
