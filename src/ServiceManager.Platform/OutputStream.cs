namespace ServiceManager.Platform;

/// <summary>Which of a child's output pipes a chunk of bytes came from.</summary>
public enum OutputStream
{
    Stdout,
    Stderr,
}
