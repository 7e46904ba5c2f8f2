namespace ServiceManager.Config;

/// <summary>An ad-hoc command to run as a new instance (<c>svcmgr start [--name N] ... -- CMD ARGS</c>).</summary>
/// <param name="Command">The argv as typed. One word with spaces in it (<c>"npm run dev"</c>) is split like a
/// <c>start_command</c> string; leading <c>NAME=value</c> words are environment variables.</param>
/// <param name="WorkingDirectory">Absolute; must exist.</param>
public sealed record AdHocRequest(IReadOnlyList<string> Command, string WorkingDirectory)
{
    /// <summary>The instance id; null: made from the directory's name and the command, unique.</summary>
    public string? Name { get; init; }

    /// <summary>The port; null: the one the command gives, else a default if the command looks like a server.</summary>
    public int? Port { get; init; }

    /// <summary>Extra environment (<c>--env K=V</c>); <c>{port}</c> and <c>{name}</c> are filled in.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>A dotenv file (absolute, or relative to <see cref="WorkingDirectory"/>), checked now and read again at every start.</summary>
    public string? EnvFile { get; init; }
}
