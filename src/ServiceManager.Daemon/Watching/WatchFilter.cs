using ServiceManager.Config.Model;
using ServiceManager.Config.Text;

namespace ServiceManager.Daemon.Watching;

/// <summary>
/// Which directories an instance's <c>watch</c> needs watched, and whether a changed path counts: at or under a
/// <c>watch</c> match and not ignored. <c>watch</c> globs are relative to the working directory (or absolute);
/// a <c>watch_ignore</c> glob with a '/' is too, one without matches a name at any depth (<c>.git</c>,
/// <c>*.log</c>), and an ignored directory hides everything under it.
/// </summary>
internal sealed class WatchFilter
{
    private readonly string _workingDirectory;
    private readonly List<PathGlob> _paths;
    private readonly List<PathGlob> _ignoreAnywhere;
    private readonly List<PathGlob> _ignoreRelative;

    public WatchFilter(string workingDirectory, WatchSettings settings)
    {
        _workingDirectory = Path.GetFullPath(workingDirectory);
        _paths = [.. settings.Paths.Select(Normalise).Select(Parse)];
        var ignore = settings.Ignore.Select(Normalise).ToList();
        _ignoreRelative = [.. ignore.Where(g => g.Contains('/', StringComparison.Ordinal)).Select(Parse)];
        _ignoreAnywhere = [.. ignore.Where(g => !g.Contains('/', StringComparison.Ordinal)).Select(Parse)];
        Roots = RootsOf(_workingDirectory, _paths);
    }

    /// <summary>Directories to watch recursively (absolute, none under another): each glob's literal part, or the
    /// nearest directory above it that exists (a watched directory created later is seen being created).</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>The path as a reason shows it: relative to the working directory when under it.</summary>
    public string Display(string fullPath)
    {
        var relative = Path.GetRelativePath(_workingDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }

    public bool Counts(string fullPath)
    {
        var relative = Path.GetRelativePath(_workingDirectory, fullPath);
        var outside = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative);
        var absolutePrefixes = Prefixes(fullPath, absolute: true).ToList();
        if (!outside)
        {
            if (relative.Split('/').Any(c => _ignoreAnywhere.Any(g => g.IsMatch(c)))) return false;
            if (Prefixes(relative, absolute: false).Any(p => _ignoreRelative.Any(g => g.IsMatch(p)))) return false;
        }

        var relativePrefixes = outside ? [] : Prefixes(relative, absolute: false).ToList();
        return _paths.Any(g => g.Pattern == "."
            ? !outside
            : (g.Pattern.StartsWith('/') ? absolutePrefixes : relativePrefixes).Any(g.IsMatch));
    }

    /// <summary>"a", "a/b", "a/b/c" for "a/b/c" (with the leading '/' for an absolute path): each ancestor and the path.</summary>
    private static IEnumerable<string> Prefixes(string path, bool absolute)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i <= parts.Length; i++)
            yield return (absolute ? "/" : "") + string.Join('/', parts.Take(i));
    }

    private static string Normalise(string glob)
    {
        var trimmed = glob.Length > 1 ? glob.TrimEnd('/') : glob;
        while (trimmed.StartsWith("./", StringComparison.Ordinal)) trimmed = trimmed[2..];
        return trimmed.Length == 0 ? "." : trimmed;
    }

    // The config checked every glob when it was read.
    private static PathGlob Parse(string glob) =>
        PathGlob.TryParse(glob, out var parsed, out var error) ? parsed! : throw new ArgumentException($"\"{glob}\": {error}", nameof(glob));

    private static List<string> RootsOf(string workingDirectory, List<PathGlob> paths)
    {
        var roots = paths
            .Select(g => g.Pattern == "." ? workingDirectory : Path.GetFullPath(Path.Combine(workingDirectory, g.StaticPrefix)))
            .Select(NearestDirectory)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(r => r.Length)
            .ToList();
        var result = new List<string>();
        foreach (var root in roots.Where(r => !result.Any(kept => IsUnder(r, kept)))) result.Add(root);
        return result;
    }

    private static string NearestDirectory(string path)
    {
        var current = path;
        while (!Directory.Exists(current) && Path.GetDirectoryName(current) is { } parent) current = parent;
        return current;
    }

    private static bool IsUnder(string path, string directory) =>
        path == directory || path.StartsWith(directory.EndsWith('/') ? directory : directory + "/", StringComparison.Ordinal);
}
