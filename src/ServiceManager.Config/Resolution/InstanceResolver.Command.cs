using ServiceManager.Config.Binding;
using ServiceManager.Config.Text;

namespace ServiceManager.Config.Resolution;

internal sealed partial class InstanceResolver
{
    /// <summary>argv, with the leading <c>NAME=value</c> words of a command line moved to <paramref name="assignments"/>.</summary>
    private List<string>? ResolveCommand(
        RawService s, string? templateId, Dictionary<string, string?> placeholders, out List<KeyValuePair<string, string>> assignments)
    {
        assignments = [];
        if (s.StartCommand is not { } command)
        {
            if (s.InvalidKeys.Contains("start_command")) return null;
            var why = templateId is null
                ? "required: an instance without a template must give start_command"
                : $"required: template '{templateId}' has no start_command, so the instance must give one";
            Errors.Add(ConfigErrorKind.MissingKey, s.Location, s.KeyPath("start_command"), why);
            return null;
        }

        var shell = s.Shell?.Value ?? false;
        if (command.Value.Arguments is { } arguments)
        {
            if (shell)
            {
                Errors.Add(ConfigErrorKind.InvalidValue, command.Location, command.Key, "shell = true needs start_command as a string, not an array");
                return null;
            }

            if (arguments.Count == 0 || string.IsNullOrWhiteSpace(arguments[0]))
            {
                Errors.Add(ConfigErrorKind.InvalidValue, command.Location, command.Key, "empty command: the array's first element is the program to run");
                return null;
            }

            var argv = new List<string>();
            foreach (var argument in arguments)
            {
                if (Expand(argument, command, placeholders) is { } expanded) argv.Add(expanded);
            }

            return argv.Count == arguments.Count ? argv : null;
        }

        var text = command.Value.Text!;
        if (string.IsNullOrWhiteSpace(text))
        {
            Errors.Add(ConfigErrorKind.InvalidValue, command.Location, command.Key, "empty command");
            return null;
        }

        if (shell)
        {
            return Expand(text, command, placeholders) is { } script ? ["/bin/sh", "-c", script] : null;
        }

        // Split before expanding, so a {working_dir} or ${VAR} with spaces in it stays one argument.
        if (ShellWords.Split(text, out var splitError) is not { } words)
        {
            Errors.Add(ConfigErrorKind.InvalidValue, command.Location, command.Key, splitError!);
            return null;
        }

        var result = new List<string>();
        var failed = false;
        foreach (var word in words)
        {
            if (result.Count == 0 && word.IsAssignment)
            {
                var equals = word.Text.IndexOf('=', StringComparison.Ordinal);
                var value = Expand(word.Text[(equals + 1)..], command, placeholders);
                if (value is null) failed = true;
                else assignments.Add(new(word.Text[..equals], value));
                continue;
            }

            if (Expand(word.Text, command, placeholders) is { } expanded) result.Add(expanded);
            else failed = true;
        }

        if (failed) return null;
        if (result.Count == 0)
        {
            Errors.Add(ConfigErrorKind.InvalidValue, command.Location, command.Key, "empty command: only NAME=value assignments, no program to run");
            return null;
        }

        return result;
    }
}
