namespace ServiceManager.Config.Binding;

/// <summary><c>start_command</c> as written: a command line (<see cref="Text"/>) or an argv array (<see cref="Arguments"/>).</summary>
internal sealed record RawCommand(string? Text, IReadOnlyList<string>? Arguments);
