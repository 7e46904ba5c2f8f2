namespace ServiceManager.Daemon.Host.Import.Pm2;

/// <summary>The ecosystem file is not one PM2 would run (exit 3), or could not be read at all (exit 1: node missing
/// or failing, an unreadable file).</summary>
internal sealed class Pm2FormatException(string message, bool unreadable = false) : Exception(message)
{
    public bool Unreadable { get; } = unreadable;
}
