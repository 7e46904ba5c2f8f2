using System.Text;

namespace ServiceManager.Daemon.Export;

/// <summary>Scalars for a Compose file: every string double-quoted (YAML's escapes, so no value is read as a number,
/// a boolean or a comment), and every <c>$</c> doubled, because Compose interpolates <c>$NAME</c> in every value.</summary>
public static class YamlText
{
    public static string String(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '$' => "$$",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    /// <summary>A duration as Compose reads it (Go's <c>time.ParseDuration</c>).</summary>
    public static string Duration(TimeSpan span) => String($"{(long)span.TotalMilliseconds}ms");
}
