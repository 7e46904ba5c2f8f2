using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServiceManager.Text;

namespace ServiceManager.Daemon.Host.Import.Pm2;

/// <summary>Reading PM2's loosely typed values: strings or numbers, a string or an array of words, milliseconds.</summary>
internal static partial class Pm2Values
{
    /// <summary>The value as written, for messages: JSON, cut at 60 characters.</summary>
    public static string Show(JsonElement value)
    {
        var text = value.GetRawText().ReplaceLineEndings(" ");
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    /// <summary>A string, or a number or boolean as its text (PM2 and the environment take either); null for others.</summary>
    public static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>Arguments: an array of strings as they are, or a string split as a shell would (PM2 splits it too).</summary>
    public static IReadOnlyList<string>? Words(JsonElement value, out string? error)
    {
        error = null;
        if (value.ValueKind == JsonValueKind.Array)
        {
            var words = value.EnumerateArray().Select(Scalar).ToList();
            if (words.Any(w => w is null)) error = "expected strings";
            return error is null ? words.Select(w => w!).ToList() : null;
        }

        if (Scalar(value) is not { } text)
        {
            error = "expected a string or an array of strings";
            return null;
        }

        var split = ShellSplitter.Split(text, out var failure);
        if (split is null) error = failure!.Message;
        return split?.Select(w => w.Text).ToList();
    }

    /// <summary>Milliseconds as a config duration (<c>"1500ms"</c>), from a number or a numeric string; PM2's own
    /// <c>"30s"</c>-style strings (min_uptime) pass through when the config reads them the same way.</summary>
    public static string? Duration(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number >= 0)
            return Milliseconds(number);
        if (value.ValueKind != JsonValueKind.String) return null;
        var text = value.GetString()!.Trim();
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number)) return Milliseconds(number);
        return DurationText().IsMatch(text) ? text : null;
    }

    /// <summary>A memory size: bytes from a number, or PM2's <c>"300M"</c>/<c>"1G"</c>/<c>"200K"</c>, which the config reads alike.</summary>
    public static string? Size(JsonElement value, out long? bytes)
    {
        bytes = null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n > 0)
        {
            bytes = n;
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";
        return SizeText().IsMatch(text) ? text.ToUpperInvariant() : null;
    }

    public static int? Integer(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n
        : value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n) ? n
        : null;

    private static string Milliseconds(double ms) => ((long)Math.Round(ms)).ToString(CultureInfo.InvariantCulture) + "ms";

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$")]
    private static partial Regex DurationText();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?[KMGkmg]?$")]
    private static partial Regex SizeText();
}
