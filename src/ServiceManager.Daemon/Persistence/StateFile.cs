using System.Globalization;
using System.Text.Json;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Daemon.Persistence;

/// <summary>Reads and atomically replaces <c>state.json</c> (0600, in the 0700 state directory).</summary>
internal static class StateFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// The state a previous daemon left. A file that cannot be used (not JSON, unknown version) is moved aside to
    /// <c>state.json.unreadable-TIMESTAMP</c> rather than overwritten, and the daemon starts from nothing.
    /// </summary>
    public static PersistedState Load(string path, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        TryDelete(AtomicFile.TemporaryPathFor(path));
        if (!File.Exists(path)) return PersistedState.Empty;

        string? problem;
        try
        {
            var document = JsonSerializer.Deserialize(File.ReadAllBytes(path), StateJsonContext.Default.StateDocument);
            problem = document switch
            {
                null => "the file holds null",
                { Version: not StateDocument.CurrentVersion } => $"version {document.Version} is not {StateDocument.CurrentVersion}",
                { Instances: null } or { NumericIds: null } => "instances or numericIds missing",
                _ => null,
            };
            if (problem is null) return PersistedState.From(document!);
        }
        catch (JsonException ex)
        {
            problem = ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return PersistedState.Empty with { Warnings = [$"cannot read {path}: {ex.Message}; starting without it"] };
        }

        var aside = $"{path}.unreadable-{time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        try
        {
            File.Move(path, aside, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return PersistedState.Empty with { Warnings = [$"{path} is unusable ({problem}) and could not be moved aside: {ex.Message}"] };
        }

        return PersistedState.Empty with { Warnings = [$"{path} is unusable ({problem}); moved to {aside}, starting without it"] };
    }

    /// <exception cref="IOException">The file could not be replaced; the previous one is intact.</exception>
    public static void Write(string path, StateDocument document) =>
        AtomicFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(document, StateJsonContext.Default.StateDocument), OwnerOnly);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless: the next write replaces it.
        }
    }
}
