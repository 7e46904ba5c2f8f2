using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// Replaces a file so that a crash at any moment leaves either the old content or the new, never a torn mix: write a
/// temporary file in the same directory, fsync it, rename it over the target, fsync the directory.
/// </summary>
public static class AtomicFile
{
    /// <param name="mode">Permissions of the new file (the temporary file is created with them, so the content is
    /// never readable by others, not even for a moment).</param>
    /// <exception cref="IOException">The file could not be written (or <see cref="UnauthorizedAccessException"/>); the old one is untouched.</exception>
    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? "/";
        var temporary = TemporaryPathFor(fullPath);

        // A temporary file left by a crash may have other permissions; creating afresh applies ours.
        File.Delete(temporary);
        try
        {
            using (var file = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = mode,
            }))
            {
                file.Write(content);
                file.Flush(flushToDisk: true);
            }

            // On Unix, File.Move with overwrite is rename(2): atomic within one file system.
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }

        SyncDirectory(directory);
    }

    /// <summary>Where <see cref="Write"/> stages the new content (a hidden sibling of the target).</summary>
    public static string TemporaryPathFor(string path)
    {
        var fullPath = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(fullPath) ?? "/", "." + Path.GetFileName(fullPath) + ".tmp");
    }

    /// <summary>Makes the rename itself durable: without it a power cut can bring back the old directory entry.</summary>
    private static void SyncDirectory(string directory)
    {
        var fd = LibC.open(directory, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0)
            throw new IOException($"cannot open {directory} to sync it: {LibC.ErrorText(Marshal.GetLastPInvokeError())}");
        try
        {
            if (LibC.fsync(fd) != 0)
                throw new IOException($"fsync {directory}: {LibC.ErrorText(Marshal.GetLastPInvokeError())}");
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }
}
