using System.Text;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// Wraps a program so that <see cref="PreExecAction"/>s run in its process before it starts: posix_spawn runs
/// <c>/bin/sh -c SCRIPT</c>, the script does the actions and then <c>exec</c>s the program with the same pid, the
/// argv the user wrote, and exactly the environment requested (see docs/containment.md for why a shell).
/// </summary>
/// <remarks>
/// dash changes the environment it passes on: it sets <c>PWD</c> (adding it when absent), resets <c>IFS</c>,
/// <c>PPID</c> and <c>OPTIND</c> (and refuses to start on a non-numeric <c>OPTIND</c>), and drops variables whose
/// names are not shell identifiers (<c>a.b</c>, bash's exported <c>BASH_FUNC_f%%</c>). So PWD is restored (or
/// unset) by the script, and the few others are kept out of the shell's environment and handed to
/// <c>/usr/bin/env NAME=VALUE... PROGRAM</c> instead — an extra exec, only when the environment has any of them.
/// Everything else travels in the environment, never on a command line (where other users could read it).
/// </remarks>
internal static class PreExec
{
    public const string Shell = "/bin/sh";
    public const string Env = "/usr/bin/env";

    /// <summary>The shell's own name (<c>$0</c>), which prefixes its error messages.</summary>
    private const string ScriptName = "svcmgr";

    private static readonly HashSet<string> ResetByShell = new(StringComparer.Ordinal) { "IFS", "PPID", "OPTIND" };

    /// <param name="argv0">The program as the user wrote it: it becomes argv[0], and the shell finds it on the
    /// environment's PATH as execvp would (the spawner has already checked that it is there).</param>
    /// <returns>What to posix_spawn instead: the shell, its argv and its environment.</returns>
    /// <exception cref="SpawnException">The program cannot be passed through <c>env</c>.</exception>
    public static (string Path, List<string> Argv, List<string> Envp) Wrap(
        string argv0, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, IReadOnlyList<PreExecAction> actions)
    {
        var script = new StringBuilder();
        var argv = new List<string> { "sh", "-c", "", ScriptName };
        foreach (var action in actions)
        {
            script.Append(action.Script).Append('\n');
            if (action.Arguments.Count > 0) script.Append("shift ").Append(action.Arguments.Count).Append('\n');
            argv.AddRange(action.Arguments);
        }

        if (environment.TryGetValue("PWD", out var pwd))
        {
            script.Append("export PWD=\"$1\"\nshift\n");
            argv.Add(pwd);
        }
        else
        {
            script.Append("unset PWD\n");
        }

        var envp = new List<string>(environment.Count);
        var carried = new List<string>();
        foreach (var (name, value) in environment)
        {
            if (name == "PWD") continue;
            if (IsShellName(name) && !ResetByShell.Contains(name)) envp.Add($"{name}={value}");
            else carried.Add($"{name}={value}");
        }

        if (carried.Count == 0)
        {
            script.Append("exec \"$@\"");
        }
        else
        {
            // env takes the first word without '=' as the program: a program named with one would be misread.
            if (!File.Exists(Env))
                throw new SpawnException($"cannot start '{argv0}' in a cgroup: {Env} is missing, and the environment has variables /bin/sh would not pass on ({string.Join(", ", carried.Select(c => c[..c.IndexOf('=', StringComparison.Ordinal)]))})");
            if (argv0.Contains('=', StringComparison.Ordinal))
                throw new SpawnException($"cannot start '{argv0}' in a cgroup: its name contains '=', which {Env} would read as a variable");
            script.Append("exec ").Append(Env).Append(" -- \"$@\"");
            argv.AddRange(carried);
        }
        argv[2] = script.ToString();
        argv.Add(argv0);
        argv.AddRange(arguments);
        return (Shell, argv, envp);
    }

    /// <summary>A name a POSIX shell keeps in the environment it passes on: [A-Za-z_][A-Za-z0-9_]*.</summary>
    internal static bool IsShellName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
