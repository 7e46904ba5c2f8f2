using ServiceManager.Config;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Instances;

/// <summary>
/// Why <c>run</c> or <c>create</c> could not make its instance, from the config errors' kinds and keys: a port that is
/// taken is a port conflict, a wrong value in the request is the caller's, anything in a file is the config's.
/// </summary>
internal static class ConfigFailures
{
    /// <summary>Errors about the request have no place in a file, so only an env file's errors carry one.</summary>
    public static FleetException OfRun(ConfigException ex)
    {
        var message = string.Join("\n", ex.Errors.Select(e => e.Kind == ConfigErrorKind.Syntax ? e.ToString() : e.Message));
        if (ex.Errors.Any(e => e.Kind is ConfigErrorKind.Syntax or ConfigErrorKind.Unreadable))
            return FleetException.ConfigInvalid(message, ex);
        if (ex.Errors.All(e => e.Kind == ConfigErrorKind.PortConflict))
            return FleetException.PortConflict(message, ex);
        return FleetException.InvalidRequest(message);
    }

    /// <summary>
    /// The request's own values carry the keys <c>template</c>, <c>id</c> and <c>instances.ID.port</c>
    /// (<see cref="ConfigLoader.CreateInstance"/>); any other error is the template's, which cannot be resolved now (an
    /// env_file gone, a <c>${VAR}</c> unset), so its place in the file is given.
    /// </summary>
    public static FleetException OfCreate(ConfigException ex)
    {
        var message = string.Join("\n", ex.Errors.Select(e => e.Message));
        if (ex.Errors.All(e => e.Kind == ConfigErrorKind.PortConflict))
            return FleetException.PortConflict(message, ex);
        if (ex.Errors.All(e => e.Key is "template" or "id" || e.Key.EndsWith(".port", StringComparison.Ordinal)))
            return FleetException.InvalidRequest(message);
        return FleetException.ConfigInvalid(string.Join("\n", ex.Errors.Select(e => e.ToString())), ex);
    }
}
