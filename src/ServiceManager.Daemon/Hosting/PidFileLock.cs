using System.Globalization;
using System.Text;
using ServiceManager.Platform.Unix;

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
            // .NET's own readers take flock(LOCK_SH) and fail on it too: ReadHolder reads with plain open/read.
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

    /// <summary>The pid the lock holder wrote; null if the file is gone or not yet written (the holder truncates
    /// and writes it right after taking the lock).</summary>
    /// <remarks>Read with plain open/read, which no flock stops: asking the holder over its socket instead failed
    /// whenever the holder was too busy (or stopped) to answer within the asker's patience.</remarks>
    public static int? ReadHolder(string path)
    {
        Span<byte> text = stackalloc byte[32];
        var length = RawFile.Read(Encoding.UTF8.GetBytes(path + "\0"), text);
        if (length <= 0) return null;
        return int.TryParse(Encoding.ASCII.GetString(text[..length]).Trim(), NumberStyles.None, CultureInfo.InvariantCulture,
            out var pid) && pid > 0 ? pid : null;
    }

    public void Dispose()
    {
        try { File.Delete(_path); } catch (IOException) { }
        _file.Dispose();
    }
}
