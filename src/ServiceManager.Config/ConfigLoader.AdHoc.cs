using ServiceManager.Config.AdHoc;
using ServiceManager.Config.Model;

namespace ServiceManager.Config;

public static partial class ConfigLoader
{
    /// <summary>
    /// Resolves an ad-hoc command into an instance (origin <see cref="InstanceOrigin.Run"/>): its id (given or made up
    /// from the directory and the command), its port (given; else the one in the command; else, for a command that
    /// looks like a server, the default of its <see cref="PortPattern"/> or the next free one), its argv (with the port
    /// passed the way the pattern says) and its environment. Default restart and stop settings.
    /// </summary>
    /// <param name="existing">Every instance that exists now: their ids and ports are taken.</param>
    /// <param name="isPortInUse">Whether a process on the machine holds a port (skipped when choosing; refused when asked for).</param>
    /// <exception cref="ConfigException">The request is invalid. Keys: <c>command</c>, <c>cwd</c>, <c>name</c>, <c>env</c>,
    /// <c>port</c> (taken, in use or no free port: <see cref="ConfigErrorKind.PortConflict"/>), <c>port_args</c> (out of
    /// range or contradicting the command), <c>env_file</c> (<see cref="ConfigErrorKind.Unreadable"/>); an error in the
    /// env file's content (<see cref="ConfigErrorKind.Syntax"/>) has the variable as key and the env file as location.</exception>
    public static InstanceDefinition CreateAdHoc(
        ServicesConfig config,
        AdHocRequest request,
        IReadOnlyCollection<InstanceDefinition> existing,
        IReadOnlyDictionary<string, string> environment,
        Func<int, bool>? isPortInUse = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(request);
        return new AdHocResolver(config.Daemon, existing, environment, isPortInUse).Resolve(request);
    }
}
