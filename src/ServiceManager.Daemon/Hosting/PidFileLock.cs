using System.Globalization;
using System.Text;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// The pidfile, held open and locked for the daemon's life: a second daemon on the same home cannot take the lock
/// and exits. The lock dies with the process, so a pidfile left by a killed daemon is never mistaken for a live one.
/// </summary>
public sealed class PidFileLock : IDisposable
{
    private readonly FileStream _file;
    private readonly string _path;

    private PidFileLock(FileStream file, string path)
    {
        _file = file;
        _path = path;
    }

    /// <summary>Takes the lock and writes our pid; null when another daemon holds it.</summary>
    public static PidFileLock? TryAcquire(string path)
    {
        FileStream file;
        try
        {
            // On Unix, .NET maps FileShare.None to flock(LOCK_EX | LOCK_NB): exactly the advisory lock wanted here.
            // (The same lock keeps other readers out of the file, so the holder's pid is asked over the socket.)
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException)
        {
            return null;
        }

        var bytes = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        file.SetLength(0);
        file.Write(bytes);
        file.Flush(flushToDisk: false);
        return new PidFileLock(file, path);
    }

    public void Dispose()
    {
        try { File.Delete(_path); } catch (IOException) { }
        _file.Dispose();
    }
}
