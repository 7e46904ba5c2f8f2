namespace ServiceManager.Supervision;

/// <summary>
/// A request the daemon refuses or could not carry out, whichever front end sent it; <see cref="Exception.Message"/>
/// says why, for the user, and <see cref="Kind"/> says which code it gets.
/// </summary>
public class FleetException : Exception
{
    public FleetException(FleetErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    public FleetException() : this(FleetErrorKind.InvalidRequest, "invalid request") { }

    public FleetException(string message) : this(FleetErrorKind.InvalidRequest, message) { }

    public FleetException(string message, Exception inner) : this(FleetErrorKind.InvalidRequest, message, inner) { }

    public FleetErrorKind Kind { get; }

    public static FleetException InvalidRequest(string message) => new(FleetErrorKind.InvalidRequest, message);

    public static FleetException NotFound(string message) => new(FleetErrorKind.NotFound, message);

    public static FleetException PortConflict(string message, Exception? inner = null) => new(FleetErrorKind.PortConflict, message, inner);

    public static FleetException ConfigInvalid(string message, Exception? inner = null) => new(FleetErrorKind.ConfigInvalid, message, inner);

    public static FleetException SpawnFailed(string message) => new(FleetErrorKind.SpawnFailed, message);

    public static FleetException Unavailable(string message) => new(FleetErrorKind.Unavailable, message);
}
