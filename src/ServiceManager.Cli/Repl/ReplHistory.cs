namespace ServiceManager.Cli.Repl;

/// <summary>
/// The lines typed at the REPL's prompt, kept in <c>repl_history</c> in the state directory (one per line, newest
/// last, mode 0600) so the next session recalls them. Each line is appended as it is entered, so several REPLs at once
/// lose nothing; the file is cut back to the newest <see cref="Limit"/> lines when it has grown to twice that.
/// </summary>
internal sealed class ReplHistory
{
    public const int Limit = 1000;
    public const string FileName = "repl_history";

    private readonly List<string> _lines;
    private readonly string _path;
    private bool _warned;

    private ReplHistory(string path, List<string> lines)
    {
        _path = path;
        _lines = lines;
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Reads the history of <paramref name="stateDirectory"/>; a missing or unreadable file is an empty history.</summary>
    public static ReplHistory Load(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        List<string> lines;
        try
        {
            lines = [.. File.ReadLines(path).Where(l => l.Length > 0)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lines = [];
        }

        var history = new ReplHistory(path, lines);
        if (lines.Count > 2 * Limit) history.Trim();
        return history;
    }

    /// <summary>Keeps <paramref name="line"/> (unless it repeats the newest) in memory and in the file.</summary>
    public void Add(string line)
    {
        if (line.Length == 0 || line.Contains('\n', StringComparison.Ordinal) || _lines.Count > 0 && _lines[^1] == line) return;
        _lines.Add(line);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var file = new FileStream(_path, new FileStreamOptions
            {
                Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            file.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // History is a convenience: say once that it is not kept, then carry on.
            if (_warned) return;
            _warned = true;
            Console.Error.WriteLine($"svcmgr: history not saved ({ex.Message})");
        }
    }

    private void Trim()
    {
        _lines.RemoveRange(0, _lines.Count - Limit);
        try
        {
            File.WriteAllLines(_path, _lines);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left long; the next session tries again.
        }
    }
}
