namespace ServiceManager.Platform;

/// <summary>A child could not be started; the message names the program and the OS error.</summary>
public sealed class SpawnException : Exception
{
    public SpawnException(string message) : base(message) { }

    public SpawnException(string message, Exception inner) : base(message, inner) { }

    public SpawnException() { }

    /// <summary>"cannot start 'PROGRAM': REASON", the one wording of every spawn failure.</summary>
    internal static SpawnException CannotStart(string program, string reason, Exception? inner = null)
    {
        var message = $"cannot start '{program}': {reason}";
        return inner is null ? new SpawnException(message) : new SpawnException(message, inner);
    }
}
