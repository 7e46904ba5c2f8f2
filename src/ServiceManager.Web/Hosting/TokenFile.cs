namespace ServiceManager.Web.Hosting;

/// <summary>Reads the token of <c>--token-file</c>: the file's text without surrounding white space.</summary>
internal static class TokenFile
{
    /// <summary>Shorter tokens are refused: they could be guessed.</summary>
    public const int MinimumLength = 16;

    /// <exception cref="FormatException">Unreadable, empty or too short; the message names the file.</exception>
    public static string Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"--token-file {path}: cannot read it ({ex.Message})");
        }

        var token = text.Trim();
        if (token.Length == 0) throw new FormatException($"--token-file {path}: the file is empty");
        if (token.Length < MinimumLength)
            throw new FormatException($"--token-file {path}: the token is {token.Length} characters; use at least {MinimumLength} (e.g. `openssl rand -hex 32 > {path}`)");
        if (token.Any(char.IsWhiteSpace) || token.Any(char.IsControl))
            throw new FormatException($"--token-file {path}: the token must be one word (no spaces or line breaks inside)");
        return token;
    }
}
