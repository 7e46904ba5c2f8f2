namespace ServiceManager.Config.Model;

/// <summary><c>watch</c>, <c>watch_ignore</c>, <c>watch_debounce</c>: restart the instance when a file it watches changes.</summary>
/// <param name="Paths">Globs relative to the working directory (or absolute): a change at or under a match counts.</param>
/// <param name="Ignore">Globs: with a '/' relative to the working directory, otherwise a name at any depth.</param>
/// <param name="Debounce">One restart per window: the first change opens it, the restart comes when it closes.</param>
public sealed record WatchSettings(IReadOnlyList<string> Paths, IReadOnlyList<string> Ignore, TimeSpan Debounce)
{
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(500);

    public bool Equals(WatchSettings? other) =>
        other is not null && Paths.SequenceEqual(other.Paths) && Ignore.SequenceEqual(other.Ignore) && Debounce == other.Debounce;

    public override int GetHashCode() => HashCode.Combine(Paths.Count, Ignore.Count, Debounce);
}
