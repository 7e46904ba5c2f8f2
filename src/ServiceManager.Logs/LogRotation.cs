namespace ServiceManager.Logs;

/// <summary>An instance's live log file was rotated: what it held is now <paramref name="RotatedTo"/>.</summary>
/// <param name="File">The live file, empty again after the rotation.</param>
/// <param name="RotatedTo">Where the previous content went (<c>.1</c>); null with <c>log_max_files = 1</c>, where it is dropped.</param>
public sealed record LogRotation(string Instance, string File, string? RotatedTo, DateTimeOffset At);
