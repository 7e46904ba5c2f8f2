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

    /// <summary>Takes the lock and writes our pid; null when another daemon holds it (<paramref name="holder"/> is its pid).</summary>
    public static PidFileLock? TryAcquire(string path, out int? holder)
    {
        holder = null;
        FileStream file;
        try
        {
            // On Unix, .NET maps FileShare.None to flock(LOCK_EX | LOCK_NB): exactly the advisory lock wanted here.
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException)
        {
            holder = ReadPid(path);
            return null;
        }

        var bytes = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        file.SetLength(0);
        file.Write(bytes);
        file.Flush(flushToDisk: false);
        return new PidFileLock(file, path);
    }

    private static int? ReadPid(string path)
    {
        try
        {
            using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var text = new StreamReader(reader);
            return int.TryParse(text.ReadLine(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        try { File.Delete(_path); } catch (IOException) { }
        _file.Dispose();
    }
}
