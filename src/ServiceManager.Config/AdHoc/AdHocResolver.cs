using ServiceManager.Config.Binding;
using ServiceManager.Config.Model;
using ServiceManager.Config.Text;

namespace ServiceManager.Config.AdHoc;

/// <summary>Turns an <see cref="AdHocRequest"/> into an <see cref="InstanceDefinition"/> (see <see cref="ConfigLoader.CreateAdHoc"/>).</summary>
internal sealed partial class AdHocResolver(
    DaemonSettings daemon,
    IReadOnlyCollection<InstanceDefinition> existing,
    IReadOnlyDictionary<string, string> environment,
    Func<int, bool>? isPortInUse)
{
    /// <summary>Errors about the request itself have no place in a file: line 0 says so to whoever formats them.</summary>
    internal static readonly SourceLocation RequestLocation = new("request", 0, 0);

    private readonly ErrorSink _errors = new();

    public InstanceDefinition Resolve(AdHocRequest request)
    {
        var argv = Command(request.Command, out var assignments);
        var cwd = WorkingDirectory(request.WorkingDirectory);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in assignments.Concat(request.Environment))
        {
            if (ShellWords.IsVariableName(name)) env[name] = value;
            else Error(ConfigErrorKind.InvalidValue, "env", $"invalid variable name '{name}': use letters, digits and '_', not starting with a digit");
        }

        if (request.Name is { } wanted) CheckName(wanted);
        var envFile = request.EnvFile is { } file && cwd is not null ? CheckEnvFile(Path.GetFullPath(Path.Combine(cwd, file))) : null;
        _errors.ThrowIfAny();

        var pattern = PortPatterns.Find(argv!, daemon.PortPatterns);
        var port = ChoosePort(request, argv!, env, pattern);
        _errors.ThrowIfAny();

        var id = request.Name ?? InstanceNames.Generate(cwd!, argv!, port, IsTaken);
        var command = argv!.Select(w => Fill(w, port, id)).ToList();
        if (port is { } p && pattern is not null && !Mentions(argv!, env) && PortArguments.Given(argv!, pattern) is null)
            command.AddRange(PortArguments.Append(pattern, p));

        var childEnv = env.ToDictionary(kv => kv.Key, kv => Fill(kv.Value, port, id), StringComparer.Ordinal);
        if (port is { } q) childEnv[ChildVariables.Port] = q.ToString(System.Globalization.CultureInfo.InvariantCulture);
        childEnv[ChildVariables.Instance] = id;
        childEnv[ChildVariables.Template] = "";

        return new InstanceDefinition(
            id, null, command, childEnv, cwd!, port, AutoStart: true, Tags: [], RestartSettings.Default, StopSettings.Default,
            Health: null, MaxMemoryBytes: null, DependsOn: [], new SourceLocation("svcmgr start", 0, 0))
        {
            Origin = InstanceOrigin.Run,
            EnvFile = envFile,
        };
    }

    /// <summary>The argv; one word holding a whole command line is split like a start_command string.</summary>
    private List<string>? Command(IReadOnlyList<string> command, out List<KeyValuePair<string, string>> assignments)
    {
        assignments = [];
        if (command.Count == 0 || string.IsNullOrWhiteSpace(command[0]) && command.Count == 1)
        {
            Error(ConfigErrorKind.InvalidValue, "command", "no command: put it after --, e.g. svcmgr start -- python3 -m http.server");
            return null;
        }

        List<(string Text, bool IsAssignment)> words;
        if (command.Count == 1 && command[0].Any(char.IsWhiteSpace))
        {
            if (ShellWords.Split(command[0], out var error) is not { } split)
            {
                Error(ConfigErrorKind.InvalidValue, "command", $"cannot split \"{command[0]}\": {error}; to run it with a shell: -- sh -c '...'");
                return null;
            }

            words = [.. split.Select(w => (w.Text, w.IsAssignment))];
        }
        else
        {
            words = [.. command.Select(w => (w, IsAssignment(w)))];
        }

        var argv = new List<string>();
        foreach (var (text, isAssignment) in words)
        {
            if (argv.Count == 0 && isAssignment)
            {
                var equals = text.IndexOf('=', StringComparison.Ordinal);
                assignments.Add(new(text[..equals], text[(equals + 1)..]));
            }
            else
            {
                argv.Add(text);
            }
        }

        if (argv.Count == 0 || argv[0].Length == 0)
        {
            Error(ConfigErrorKind.InvalidValue, "command", "no program to run: only NAME=value assignments");
            return null;
        }

        return argv;
    }

    private static bool IsAssignment(string word)
    {
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && ShellWords.IsVariableName(word.AsSpan(0, equals));
    }

    private string? WorkingDirectory(string cwd)
    {
        if (!Path.IsPathRooted(cwd))
        {
            Error(ConfigErrorKind.InvalidValue, "cwd", $"the working directory must be an absolute path, got \"{cwd}\"");
            return null;
        }

        var full = Path.GetFullPath(cwd);
        if (Directory.Exists(full)) return full;
        Error(ConfigErrorKind.InvalidValue, "cwd", $"working directory {full} does not exist");
        return null;
    }

    private void CheckName(string name)
    {
        if (!DocumentBinder.IsValidId(name)) Error(ConfigErrorKind.InvalidValue, "name", $"invalid name \"{name}\": {DocumentBinder.IdRule}");
        else if (IsTaken(name)) Error(ConfigErrorKind.DuplicateId, "name", $"an instance '{name}' already exists; pick another --name, or `svcmgr remove {name}` first");
    }

    private string? CheckEnvFile(string path)
    {
        try
        {
            _ = ConfigLoader.ReadEnvFile(path, environment);
        }
        catch (ConfigException ex)
        {
            _errors.AddRange(ex.Errors);
        }

        return path;
    }

    private bool IsTaken(string id) => existing.Any(e => e.Id == id);

    private static string Fill(string text, int? port, string id)
    {
        var filled = text.Replace("{name}", id, StringComparison.Ordinal);
        return port is { } p ? filled.Replace(PortArguments.Placeholder, p.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) : filled;
    }

    private static bool Mentions(IReadOnlyList<string> argv, Dictionary<string, string> env) =>
        argv.Concat(env.Values).Any(t => t.Contains(PortArguments.Placeholder, StringComparison.Ordinal));

    private void Error(ConfigErrorKind kind, string key, string message) => _errors.Add(kind, RequestLocation, key, message);
}
