using System.Text;
using System.Text.RegularExpressions;

namespace ServiceManager.Config.Text;

/// <summary>
/// A glob over '/'-separated paths, as <c>watch</c> and <c>watch_ignore</c> write them: <c>*</c> and <c>?</c> within
/// one component, <c>[abc]</c>/<c>[!abc]</c> classes, <c>**</c> for any number of components.
/// </summary>
public sealed class PathGlob
{
    private readonly Regex _regex;

    private PathGlob(string pattern, Regex regex, string staticPrefix)
    {
        Pattern = pattern;
        _regex = regex;
        StaticPrefix = staticPrefix;
    }

    public string Pattern { get; }

    /// <summary>The leading components without a wildcard ("config" for "config/*.toml", "" for "*.py").</summary>
    public string StaticPrefix { get; }

    /// <summary>True when the pattern is a plain path.</summary>
    public bool IsLiteral => StaticPrefix == Pattern.TrimEnd('/');

    /// <summary>Whether the whole of <paramref name="path"/> (same form as the pattern: relative or absolute) matches.</summary>
    public bool IsMatch(string path) => _regex.IsMatch(path);

    public static bool TryParse(string pattern, out PathGlob? glob, out string error)
    {
        glob = null;
        error = "";
        if (pattern.Length == 0 || pattern.Contains('\0', StringComparison.Ordinal))
        {
            error = "empty pattern";
            return false;
        }

        var trimmed = pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;
        var regex = new StringBuilder("^");
        var i = 0;
        while (i < trimmed.Length)
        {
            var c = trimmed[i];
            if (c == '*' && i + 1 < trimmed.Length && trimmed[i + 1] == '*')
            {
                var atStart = i == 0 || trimmed[i - 1] == '/';
                var atEnd = i + 2 == trimmed.Length || trimmed[i + 2] == '/';
                if (!atStart || !atEnd)
                {
                    error = "'**' must be a whole path component (a/**/b, **/x, x/**)";
                    return false;
                }

                // "**/" is zero or more components; a final "**" is everything below.
                if (i + 2 < trimmed.Length)
                {
                    regex.Append("(?:[^/]+/)*");
                    i += 3;
                }
                else
                {
                    regex.Append(".*");
                    i += 2;
                }

                continue;
            }

            switch (c)
            {
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = trimmed.IndexOf(']', i + 2);
                    if (close < 0)
                    {
                        error = "unclosed '[' (write [[] for a literal '[')";
                        return false;
                    }

                    var body = trimmed[(i + 1)..close];
                    var negate = body.StartsWith('!') || body.StartsWith('^');
                    if (negate) body = body[1..];
                    regex.Append(negate ? "[^/" : "[").Append(body.Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }

            i++;
        }

        regex.Append('$');
        try
        {
            glob = new PathGlob(pattern, new Regex(regex.ToString(), RegexOptions.CultureInvariant), StaticPrefixOf(trimmed));
            return true;
        }
        catch (ArgumentException)
        {
            error = "invalid character class";
            return false;
        }
    }

    private static string StaticPrefixOf(string pattern)
    {
        var parts = pattern.Split('/');
        var literal = parts.TakeWhile(p => p.IndexOfAny(['*', '?', '[']) < 0).ToList();
        return literal.Count == parts.Length ? pattern : string.Join('/', literal);
    }
}
