namespace ServiceManager.Protocol;

/// <summary>
/// svcmgr is installed as a set of executables in one directory: <c>svcmgr</c>, the lean client, and the siblings
/// it hands commands over to (docs/architecture.md). Finds a sibling beside the running program, in the form the
/// running build has: a native executable (NativeAOT, or the apphost of a JIT build), or <c>dotnet NAME.dll</c> when
/// this program was started as <c>dotnet svcmgr.dll</c> (the tests, <c>dotnet exec</c>).
/// </summary>
public static class SiblingExecutables
{
    /// <summary><c>svcmgr daemon</c>, and the commands that read the config without a daemon (<c>doctor</c>).</summary>
    public const string Daemon = "svcmgr-daemon";

    /// <summary><c>svcmgr top</c>.</summary>
    public const string Top = "svcmgr-top";

    /// <summary><c>svcmgr mcp</c>.</summary>
    public const string Mcp = "svcmgr-mcp";

    /// <summary><c>svcmgr web</c>, which the daemon also runs itself for <c>[web] listen</c>.</summary>
    public const string Web = "svcmgr-web";

    /// <summary>How to run sibling <paramref name="name"/> of this installation; whether it is there is
    /// <see cref="SiblingLaunch.IsInstalled"/>.</summary>
    public static SiblingLaunch Locate(string name)
    {
        var running = Environment.ProcessPath ?? throw new InvalidOperationException("the running executable is unknown");
        if (Path.GetFileName(running) == "dotnet")
        {
            var assembly = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            return new SiblingLaunch(name, running, [assembly], assembly);
        }

        // ProcessPath comes from /proc/self/exe: a symlink on PATH leads to the directory the set is installed in.
        var executable = Path.Combine(Path.GetDirectoryName(running) ?? "/", name);
        if (!File.Exists(executable) && FrameworkDependent(name) is { } managed) return managed;
        return new SiblingLaunch(name, executable, [], executable);
    }

    /// <summary>A framework-dependent layout with no native sibling beside the program: a <c>dotnet tool</c>, whose
    /// <c>svcmgr</c> is a shim elsewhere that runs <c>svcmgr.dll</c> from the package's folder. The sibling's
    /// assembly lies beside that, and runs on the <c>dotnet</c> host of the runtime running this program. Null in a
    /// NativeAOT build (no shared framework) or when the assembly is not there.</summary>
    private static SiblingLaunch? FrameworkDependent(string name)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        // FX_DEPS_FILE: the shared framework's deps.json, in DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION/.
        if (!File.Exists(assembly) || AppContext.GetData("FX_DEPS_FILE") is not string frameworkDeps || frameworkDeps.Length == 0) return null;
        var host = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(frameworkDeps)!, "..", "..", "..", "dotnet"));
        return File.Exists(host) ? new SiblingLaunch(name, host, [assembly], assembly) : null;
    }
}

/// <summary>A sibling executable: run <see cref="Program"/> with <see cref="Prefix"/> before the arguments.</summary>
/// <param name="File">The file that must exist for the sibling to run (the executable, or its assembly).</param>
public sealed record SiblingLaunch(string Name, string Program, IReadOnlyList<string> Prefix, string File)
{
    public bool IsInstalled => System.IO.File.Exists(File);

    /// <summary>argv for <c>exec</c>: argv[0], the prefix, then <paramref name="arguments"/>.</summary>
    public IReadOnlyList<string> Argv(IEnumerable<string> arguments) => [Program, .. Prefix, .. arguments];
}
