namespace ServiceManager.Platform.Unix;

/// <summary>A live process whose environment holds a given variable (see <see cref="ProcScan.WithEnvironmentVariable"/>).</summary>
/// <param name="Value">The variable's value in the process's initial environment.</param>
/// <param name="Command">Its command line, arguments joined by spaces; empty when /proc shows none.</param>
public sealed record TaggedProcess(ProcStat Process, string Value, string Command);
