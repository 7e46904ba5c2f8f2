using ServiceManager.Config.Model;
using ServiceManager.Config.Text;
using ServiceManager.Config.Toml;

namespace ServiceManager.Config.Binding;

/// <summary>Reads one typed value from a TOML node, recording a positioned error (and returning null) on a mismatch.</summary>
internal sealed class ValueReader(ErrorSink errors)
{
    public Located<string>? String(TomlNode node, string key) =>
        node is TomlScalarNode { Value: string s } ? new(s, key, node.Location) : Mismatch<string>(node, key, "a string");

    public Located<bool>? Bool(TomlNode node, string key) =>
        node is TomlScalarNode { Value: bool b } ? new(b, key, node.Location) : Mismatch<bool>(node, key, "a boolean (true or false)");

    public Located<int>? Int(TomlNode node, string key, int min, int max = int.MaxValue)
    {
        if (node is not TomlScalarNode { Value: long n }) return Mismatch<int>(node, key, "an integer");
        if (n >= min && n <= max) return new((int)n, key, node.Location);
        errors.Add(ConfigErrorKind.InvalidValue, node.Location, key, max == int.MaxValue ? $"must be at least {min}, got {n}" : $"must be between {min} and {max}, got {n}");
        return null;
    }

    public Located<int>? Port(TomlNode node, string key) => Int(node, key, 1, 65535);

    public Located<PortRange>? PortRange(TomlNode node, string key)
    {
        if (node is not TomlArrayNode { Items: [TomlScalarNode { Value: long first }, TomlScalarNode { Value: long last }] })
            return Mismatch<PortRange>(node, key, "an array of two ports, e.g. [8000, 8099]");
        if (first is < 1 or > 65535 || last is < 1 or > 65535)
        {
            errors.Add(ConfigErrorKind.InvalidValue, node.Location, key, $"ports must be between 1 and 65535, got [{first}, {last}]");
            return null;
        }

        if (first > last)
        {
            errors.Add(ConfigErrorKind.InvalidValue, node.Location, key, $"the first port must not be above the last, got [{first}, {last}]");
            return null;
        }

        return new(new PortRange((int)first, (int)last), key, node.Location);
    }

    public Located<IReadOnlyList<string>>? StringArray(TomlNode node, string key)
    {
        if (node is not TomlArrayNode array) return Mismatch<IReadOnlyList<string>>(node, key, "an array of strings");
        var items = new List<string>();
        foreach (var item in array.Items)
        {
            if (item is TomlScalarNode { Value: string s }) items.Add(s);
            else errors.Add(ConfigErrorKind.InvalidValue, item.Location, key, $"expected an array of strings, found {item.KindName} in it");
        }

        return items.Count == array.Items.Count ? new(items, key, node.Location) : null;
    }

    public Located<TimeSpan>? Duration(TomlNode node, string key)
    {
        if (node is TomlScalarNode { Value: string s } && Units.TryParseDuration(s, out var value)) return new(value, key, node.Location);
        if (node is TomlScalarNode { Value: string bad })
        {
            errors.Add(ConfigErrorKind.InvalidValue, node.Location, key, $"{Units.DurationHint}, got \"{bad}\"");
            return null;
        }

        return Mismatch<TimeSpan>(node, key, "a duration string such as \"10s\"");
    }

    public Located<long>? Size(TomlNode node, string key)
    {
        switch (node)
        {
            case TomlScalarNode { Value: long n } when n > 0:
                return new(n, key, node.Location);
            case TomlScalarNode { Value: string s } when Units.TryParseSize(s, out var bytes) && bytes > 0:
                return new(bytes, key, node.Location);
            case TomlScalarNode { Value: string or long }:
                errors.Add(ConfigErrorKind.InvalidValue, node.Location, key, $"{Units.SizeHint}, above zero");
                return null;
            default:
                return Mismatch<long>(node, key, "a size such as \"500M\"");
        }
    }

    public Located<RawCommand>? Command(TomlNode node, string key)
    {
        if (node is TomlScalarNode { Value: string text }) return new(new RawCommand(text, null), key, node.Location);
        if (node is TomlArrayNode) return StringArray(node, key) is { } args ? new(new RawCommand(null, args.Value), key, node.Location) : null;
        return Mismatch<RawCommand>(node, key, "a string or an array of strings");
    }

    public Located<T>? Mismatch<T>(TomlNode node, string key, string expected)
    {
        errors.Add(ConfigErrorKind.InvalidValue, node.Location, key, $"expected {expected}, found {node.KindName}");
        return null;
    }
}
