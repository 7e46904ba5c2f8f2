namespace ServiceManager.Config.Text;

/// <summary>One word of a split command line. <paramref name="IsAssignment"/>: an unquoted leading <c>NAME=</c>.</summary>
internal sealed record ShellWord(string Text, bool IsAssignment);
