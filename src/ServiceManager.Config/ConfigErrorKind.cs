namespace ServiceManager.Config;

/// <summary>What kind of problem a <see cref="ConfigError"/> is, for code that must tell them apart; its message is for people.</summary>
public enum ConfigErrorKind
{
    /// <summary>Text that does not parse: TOML syntax, or a line of an env file.</summary>
    Syntax,

    /// <summary>A file that cannot be read: the config file or an env file.</summary>
    Unreadable,

    /// <summary>A key the config does not have, or one its table does not allow.</summary>
    UnknownKey,

    /// <summary>A required key is not given (<c>start_command</c>, a port pattern's <c>match</c>).</summary>
    MissingKey,

    /// <summary>A value of the wrong type, out of range or malformed: a duration, a command, an id, a placeholder, a port number...</summary>
    InvalidValue,

    /// <summary>A name that refers to nothing: an unknown template, a <c>depends_on</c> instance that is not declared.</summary>
    UnknownReference,

    /// <summary><c>depends_on</c> that comes back to the instance itself.</summary>
    DependencyCycle,

    /// <summary>An id that is taken, by another instance or by one created at run time.</summary>
    DuplicateId,

    /// <summary>A second instance of a template with <c>supports_multiple = false</c>.</summary>
    SingleInstanceTemplate,

    /// <summary>A port taken by another instance or in use on this machine, or no free port in the range.</summary>
    PortConflict,
}
