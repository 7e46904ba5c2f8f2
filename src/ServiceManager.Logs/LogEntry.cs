using ServiceManager.Platform;

namespace ServiceManager.Logs;

/// <summary>
/// One line of an instance's output, without its line terminator. <see cref="At"/> is when the spawner handed the
/// chunk that completed the line to the log (not when the child wrote it: pipes carry no timestamps).
/// </summary>
public sealed record LogEntry(string Instance, OutputStream Stream, DateTimeOffset At, string Text);
