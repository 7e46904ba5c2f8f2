using ServiceManager.Config.Model;
using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace ServiceManager.Config.Toml;

/// <summary>
/// Turns Tomlyn's syntax tree into <see cref="TomlNode"/>s. The syntax tree is used rather than the serializer because it
/// keeps the line and column of every key and value, and because the serializer silently drops unknown keys.
/// </summary>
internal static class TomlTreeBuilder
{
    /// <summary>The document's root table, or null after recording TOML syntax errors.</summary>
    public static TomlTableNode? Build(string text, string file, ErrorSink errors)
    {
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(text, file, validate: true);
        }
        catch (TomlException ex)
        {
            errors.Add(ConfigErrorKind.Syntax, new SourceLocation(file, Math.Max(ex.Line ?? 1, 1), Math.Max(ex.Column ?? 1, 1)), "", ex.Message);
            return null;
        }

        if (document.HasErrors)
        {
            foreach (var diagnostic in document.Diagnostics)
            {
                if (diagnostic.Kind == DiagnosticMessageKind.Error)
                    errors.Add(ConfigErrorKind.Syntax, At(file, diagnostic.Span.Start), "", "TOML syntax: " + diagnostic.Message);
            }

            return null;
        }

        var root = new TomlTableNode(new SourceLocation(file, 1, 1));
        foreach (var keyValue in document.KeyValues) AddKeyValue(root, keyValue, file);
        foreach (var table in document.Tables)
        {
            var target = OpenTable(root, table, file);
            foreach (var keyValue in table.Items) AddKeyValue(target, keyValue, file);
        }

        return root;
    }

    private static TomlTableNode OpenTable(TomlTableNode root, TableSyntaxBase table, string file)
    {
        var parts = KeyParts(table.Name!, file);
        var header = At(file, table.Span.Start);
        var parent = Descend(root, parts.Take(parts.Count - 1));
        var (name, nameLocation) = parts[^1];
        var existing = parent.Find(name);

        if (table is TableArraySyntax)
        {
            if (existing?.Value is not TomlArrayNode array)
            {
                array = new TomlArrayNode(header);
                parent.Add(new TomlEntry(name, nameLocation, array));
            }

            var element = new TomlTableNode(header);
            array.Items.Add(element);
            return element;
        }

        if (existing?.Value is TomlTableNode implicitTable) return implicitTable;
        var created = new TomlTableNode(header);
        parent.Add(new TomlEntry(name, nameLocation, created));
        return created;
    }

    // Tomlyn's validation has already rejected redefinitions, so an existing non-table here cannot happen in a valid document.
    private static TomlTableNode Descend(TomlTableNode table, IEnumerable<(string Name, SourceLocation Location)> path)
    {
        foreach (var (name, location) in path)
        {
            var next = table.Find(name)?.Value switch
            {
                TomlTableNode t => t,
                TomlArrayNode { Items: [.., TomlTableNode last] } => last,
                _ => null,
            };
            if (next is null)
            {
                next = new TomlTableNode(location);
                table.Add(new TomlEntry(name, location, next));
            }

            table = next;
        }

        return table;
    }

    private static void AddKeyValue(TomlTableNode table, KeyValueSyntax keyValue, string file)
    {
        var parts = KeyParts(keyValue.Key!, file);
        var parent = Descend(table, parts.Take(parts.Count - 1));
        var (name, location) = parts[^1];
        parent.Add(new TomlEntry(name, location, ToNode(keyValue.Value!, file)));
    }

    private static TomlNode ToNode(ValueSyntax value, string file)
    {
        var at = At(file, value.Span.Start);
        switch (value)
        {
            case StringValueSyntax s: return new TomlScalarNode(s.Value ?? "", at);
            case IntegerValueSyntax i: return new TomlScalarNode(i.Value, at);
            case BooleanValueSyntax b: return new TomlScalarNode(b.Value, at);
            case FloatValueSyntax f: return new TomlScalarNode(f.Value, at);
            case ArraySyntax a:
                var array = new TomlArrayNode(at);
                foreach (var item in a.Items) array.Items.Add(ToNode(item.Value!, file));
                return array;
            case InlineTableSyntax t:
                var table = new TomlTableNode(at);
                foreach (var item in t.Items) AddKeyValue(table, item.KeyValue!, file);
                return table;
            case DateTimeValueSyntax d: return new TomlScalarNode(d.Value, at);
            default: return new TomlScalarNode(value.ToString() ?? "", at);
        }
    }

    private static List<(string Name, SourceLocation Location)> KeyParts(KeySyntax key, string file)
    {
        var parts = new List<(string, SourceLocation)> { (KeyText(key.Key!), At(file, key.Key!.Span.Start)) };
        foreach (var dotted in key.DotKeys) parts.Add((KeyText(dotted.Key!), At(file, dotted.Key!.Span.Start)));
        return parts;
    }

    private static string KeyText(BareKeyOrStringValueSyntax key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => key.ToString() ?? "",
    };

    private static SourceLocation At(string file, TextPosition position) =>
        new(file, position.Line + 1, position.Column + 1);
}
