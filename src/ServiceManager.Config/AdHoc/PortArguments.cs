using System.Globalization;
using ServiceManager.Config.Model;
using ServiceManager.Config.Text;

namespace ServiceManager.Config.AdHoc;

/// <summary>Reads the port a command already gives, and appends a pattern's port argument to one that gives none.</summary>
internal static class PortArguments
{
    public const string Placeholder = "{port}";

    /// <summary>
    /// The port written in <paramref name="argv"/> the way <paramref name="pattern"/>'s arg would write it:
    /// <c>--port N</c> or <c>--port=N</c> for <c>"--port {port}"</c>; the last bare number for a positional <c>"{port}"</c>.
    /// Null when there is none (or the pattern passes the port only as PORT).
    /// </summary>
    public static int? Given(IReadOnlyList<string> argv, PortPattern pattern)
    {
        if (Words(pattern) is not { } words) return null;
        if (words is [Placeholder])
        {
            for (var i = argv.Count - 1; i >= 1; i--)
            {
                if (Port(argv[i]) is { } positional) return positional;
            }

            return null;
        }

        if (words is [var option, Placeholder])
        {
            for (var i = 1; i < argv.Count; i++)
            {
                if (argv[i] == option && i + 1 < argv.Count) return Port(argv[i + 1]);
                if (argv[i].StartsWith(option + "=", StringComparison.Ordinal)) return Port(argv[i][(option.Length + 1)..]);
            }

            return null;
        }

        if (words is [var glued] && glued.EndsWith(Placeholder, StringComparison.Ordinal))
        {
            var prefix = glued[..^Placeholder.Length];
            return argv.Skip(1).Where(a => a.StartsWith(prefix, StringComparison.Ordinal)).Select(a => Port(a[prefix.Length..])).LastOrDefault(p => p is not null);
        }

        return null;
    }

    /// <summary>The words to append to pass <paramref name="port"/> (none when the pattern has no arg).</summary>
    public static IReadOnlyList<string> Append(PortPattern pattern, int port)
    {
        var text = port.ToString(CultureInfo.InvariantCulture);
        return Words(pattern) is { } words ? [.. words.Select(w => w.Replace(Placeholder, text, StringComparison.Ordinal))] : [];
    }

    private static List<string>? Words(PortPattern pattern) =>
        pattern.Arg is { } arg && ShellWords.Split(arg, out _) is { } words ? [.. words.Select(w => w.Text)] : null;

    private static int? Port(string text) =>
        text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            && p is >= 1 and <= 65535 ? p : null;
}
