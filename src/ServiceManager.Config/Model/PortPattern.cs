namespace ServiceManager.Config.Model;

/// <summary>
/// A rule for ad-hoc commands that look like a server (<c>[[daemon.port_patterns]]</c>): what port they get by
/// default and how it is passed to them.
/// </summary>
/// <param name="Match">A regular expression when it starts with <c>^</c> (matched against the command line with
/// the program reduced to its file name), else a prefix of whole words (<c>"flask run"</c>).</param>
/// <param name="Port">The preferred port; when it is taken, the next free port above it.</param>
/// <param name="Arg">Words appended to a command that does not give a port itself, with <c>{port}</c> in them
/// (<c>"--port {port}"</c>, <c>"{port}"</c>); null: the port reaches the program only as <c>PORT</c>.</param>
public sealed record PortPattern(string Match, int Port, string? Arg);
