namespace ServiceManager.Supervision;

/// <summary>
/// What kind of failure a <see cref="FleetException"/> is. Each front end maps it to its own codes: the socket to
/// JSON-RPC error codes (<c>ServiceManager.Daemon.Rpc.RpcErrors</c>), which the CLI turns into exit codes.
/// </summary>
public enum FleetErrorKind
{
    /// <summary>The request itself is wrong: a bad value, a missing one, an operation that does not apply.</summary>
    InvalidRequest,

    /// <summary>It names something that does not exist: an instance, a template, a subscription.</summary>
    NotFound,

    /// <summary>A name that fits more than one instance (<see cref="AmbiguousNameException"/>); nothing was done.</summary>
    Ambiguous,

    /// <summary>The port it needs is taken by another instance or in use on the machine, or none is free.</summary>
    PortConflict,

    /// <summary>The config (the file, a template, an env file) has errors.</summary>
    ConfigInvalid,

    /// <summary>A child could not be started.</summary>
    SpawnFailed,

    /// <summary>The daemon cannot do it now (it is shutting down).</summary>
    Unavailable,
}
