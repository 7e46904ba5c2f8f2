using ServiceManager.Config.Model;
using ServiceManager.Config.Text;
using ServiceManager.Config.Toml;

namespace ServiceManager.Config.Binding;

internal sealed partial class ServiceBinder
{
    /// <summary><c>depends_on</c>: an array of names and/or <c>{ name = "db", condition = "healthy" }</c> tables.</summary>
    private Located<IReadOnlyList<RawDependency>>? DependsOn(TomlNode node, string key)
    {
        if (node is not TomlArrayNode array)
            return _read.Mismatch<IReadOnlyList<RawDependency>>(node, key, "an array of instance ids or { name, condition } tables");

        var items = new List<RawDependency>();
        var ok = true;
        foreach (var item in array.Items)
        {
            var dependency = item switch
            {
                TomlScalarNode { Value: string name } => new RawDependency(name, DependencyCondition.Running, item.Location),
                TomlTableNode table => Dependency(table, key),
                _ => Unexpected(item, key),
            };
            if (dependency is null) ok = false;
            else items.Add(dependency);
        }

        return ok ? new(items, key, node.Location) : null;
    }

    private RawDependency? Unexpected(TomlNode item, string key)
    {
        errors.Add(ConfigErrorKind.InvalidValue, item.Location, key, $"expected an instance id or a {{ name, condition }} table, found {item.KindName} in it");
        return null;
    }

    private RawDependency? Dependency(TomlTableNode table, string key)
    {
        string? name = null;
        DependencyCondition? condition = DependencyCondition.Running;
        var ok = true;
        foreach (var entry in table.Entries)
        {
            var entryKey = $"{key}.{entry.Key}";
            switch (entry.Key)
            {
                case "name":
                    name = _read.String(entry.Value, entryKey)?.Value;
                    ok &= name is not null;
                    break;
                case "condition":
                    condition = Condition(entry.Value, entryKey);
                    ok &= condition is not null;
                    break;
                default:
                    errors.Add(ConfigErrorKind.UnknownKey, entry.KeyLocation, entryKey, "unknown key" + Suggest.Hint(entry.Key, ServiceKeys.Dependency)
                        + "; a dependency is { name = \"ID\", condition = \"...\" }");
                    ok = false;
                    break;
            }
        }

        if (name is null && ok)
        {
            errors.Add(ConfigErrorKind.MissingKey, table.Location, $"{key}.name", "a dependency table needs name = \"ID\"");
            return null;
        }

        return ok ? new RawDependency(name!, condition!.Value, table.Location) : null;
    }

    private DependencyCondition? Condition(TomlNode node, string key)
    {
        if (_read.String(node, key) is not { } text) return null;
        if (DependencyConditions.Parse(text.Value) is { } condition) return condition;
        errors.Add(ConfigErrorKind.InvalidValue, node.Location, key,
            $"unknown condition \"{text.Value}\"{Suggest.Hint(text.Value, DependencyConditions.Names)}; expected one of {string.Join(", ", DependencyConditions.Names)}");
        return null;
    }
}
