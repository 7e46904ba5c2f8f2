using System.Globalization;
using ServiceManager.Config.Writing;

namespace ServiceManager.Daemon.Export;

/// <summary>Values for <c>services.toml</c>: TOML basic strings, with the config's own placeholders escaped so a
/// resolved value reads back as itself (<c>{name}</c> → <c>{{name}}</c>, <c>${</c> → <c>$${</c>; docs/config.md). The
/// escaping is the config writer's (<see cref="ConfigLiteral"/>), shared with <c>svcmgr import pm2</c>.</summary>
public static class TomlText
{
    /// <summary>A literal value: placeholders escaped, then a TOML string.</summary>
    public static string Literal(string value) => String(EscapePlaceholders(value));

    /// <summary>A TOML basic string of <paramref name="value"/> as it is.</summary>
    public static string String(string value) => ConfigLiteral.Toml(value);

    public static string Array(IEnumerable<string> values, Func<string, string> item) => "[" + string.Join(", ", values.Select(item)) + "]";

    /// <summary>A key: bare when it may be, quoted otherwise (an environment variable's name can be anything).</summary>
    public static string Key(string key) => ConfigLiteral.Key(key);

    public static string Duration(TimeSpan span) => String(((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms");

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>What the config's expander reads back as <paramref name="value"/>.</summary>
    public static string EscapePlaceholders(string value) => ConfigLiteral.EscapePlaceholders(value);
}
