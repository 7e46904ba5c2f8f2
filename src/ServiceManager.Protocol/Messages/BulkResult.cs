using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>Result of <c>start</c>/<c>stop</c>/<c>restart</c>: which instances changed and which already were as asked.</summary>
/// <param name="Warnings">For <c>stop</c>: instances among <paramref name="Done"/> whose stop needed SIGKILL or left
/// processes running; empty (or absent, from an older daemon) otherwise.</param>
public sealed record BulkResult(IReadOnlyList<string> Done, IReadOnlyList<string> Unchanged, IReadOnlyList<StopWarning>? Warnings = null)
{
    /// <summary>A stop left processes running: it did not fully happen, and the command fails (exit 1).</summary>
    [JsonIgnore]
    public bool LeftProcessesRunning => Warnings?.Any(w => w.Survivors.Count > 0) == true;
}
