namespace ServiceManager.Platform;

/// <summary>A child could not be started; the message names the program and the OS error.</summary>
public sealed class SpawnException : Exception
{
    public SpawnException(string message) : base(message) { }

    public SpawnException(string message, Exception inner) : base(message, inner) { }

    public SpawnException() { }
}
