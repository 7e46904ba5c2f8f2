using System.Globalization;
using System.Text;
using ServiceManager.Config.Binding;

namespace ServiceManager.Config.AdHoc;

/// <summary>
/// Readable ids for ad-hoc commands: the directory's name, what runs, and the port, e.g. <c>my-api-http-8000</c> for
/// <c>python3 -m http.server</c> in <c>~/my-api</c>, <c>my-api-sleep</c> for <c>sleep 100</c>; <c>-2</c>, <c>-3</c>...
/// when taken. Always a valid id.
/// </summary>
internal static class InstanceNames
{
    private const int MaxLength = 63;

    private static readonly HashSet<string> _interpreters = new(StringComparer.Ordinal)
    {
        "node", "nodejs", "nodemon", "ts-node", "tsx", "deno", "ruby", "perl", "php", "java", "dotnet", "lua", "Rscript",
    };

    private static readonly HashSet<string> _packageManagers = new(StringComparer.Ordinal) { "npm", "pnpm", "yarn", "bun" };

    public static string Generate(string workingDirectory, IReadOnlyList<string> argv, int? port, Func<string, bool> isTaken)
    {
        var parts = new List<string>();
        var directory = Sanitize(Path.GetFileName(workingDirectory.TrimEnd('/')));
        var what = Sanitize(What(argv));
        if (directory.Length > 0) parts.Add(directory);
        if (what.Length > 0 && what != directory) parts.Add(what);
        if (port is { } p) parts.Add(p.ToString(CultureInfo.InvariantCulture));
        var stem = parts.Count == 0 ? "app" : string.Join('-', parts);

        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "" : "-" + n.ToString(CultureInfo.InvariantCulture);
            var candidate = Trim(stem, MaxLength - suffix.Length) + suffix;
            if (!isTaken(candidate)) return candidate;
        }
    }

    /// <summary>The word that says what runs: the module, script or npm script for interpreters, else the program.</summary>
    internal static string What(IReadOnlyList<string> argv)
    {
        if (argv.Count == 0) return "";
        var program = PortPatterns.Program(argv[0]);
        var args = argv.Skip(1).ToList();
        if (_packageManagers.Contains(program))
        {
            var script = args.SkipWhile(a => a == "run" || a.StartsWith('-')).FirstOrDefault();
            return script is null ? program : $"{program}-{script}";
        }

        if (program == "npx") return args.FirstOrDefault(a => !a.StartsWith('-')) ?? program;
        if (program.StartsWith("python", StringComparison.Ordinal) || _interpreters.Contains(program))
        {
            if (args.Contains("-c") || args.Contains("-e")) return program;
            var module = args.IndexOf("-m");
            if (module >= 0 && module + 1 < args.Count) return args[module + 1].Split('.')[0];
            var jar = args.IndexOf("-jar");
            if (jar >= 0 && jar + 1 < args.Count) return Path.GetFileNameWithoutExtension(args[jar + 1]);
            var script = args.FirstOrDefault(a => !a.StartsWith('-') && a != "run");
            return script is null ? program : Path.GetFileNameWithoutExtension(script.TrimEnd('/'));
        }

        return program;
    }

    /// <summary>Lower case, only a-z 0-9 . _ -, no runs of dashes, starting and ending with a letter or digit.</summary>
    internal static string Sanitize(string text)
    {
        var result = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            var keep = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_';
            if (keep) result.Append(c);
            else if (result.Length > 0 && result[^1] != '-') result.Append('-');
        }

        return result.ToString().Trim('-', '.', '_');
    }

    private static string Trim(string stem, int length)
    {
        var trimmed = stem.Length <= length ? stem : stem[..length];
        trimmed = trimmed.TrimEnd('-', '.', '_');
        return DocumentBinder.IsValidId(trimmed) ? trimmed : "app";
    }
}
