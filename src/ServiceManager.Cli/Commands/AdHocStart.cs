using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ServiceManager.Cli.Output;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Cli.Commands;

/// <summary>
/// <c>svcmgr start [--name N] [--port P] [--cwd D] [--env K=V]... [--env-file F] -- CMD [ARGS...]</c>: the words after
/// <c>--</c> are a command to run as a new instance (the <c>run</c> RPC), pm2-style; <c>--command "CMD ARGS"</c> gives
/// them as one line instead (TSM's habit). Without either, <c>start</c> is the plain start of named instances.
/// </summary>
internal static class AdHocStart
{
    /// <param name="plain">What <c>start</c> does without <c>--</c>.</param>
    public static void Extend(Command start, Argument<string[]> names, Func<ParseResult, CancellationToken, Task<int>> plain)
    {
        var name = new Option<string?>("--name") { Description = "Id of the new instance (default: made from the directory and the command)" };
        var port = new Option<int?>("--port") { Description = "Its port (default: the one in the command, else a free one if it looks like a server)" };
        var cwd = new Option<string?>("--cwd") { Description = "Its working directory (default: the current one)" };
        var env = new Option<string[]>("--env") { Description = "An environment variable for it, KEY=VALUE; repeatable", AllowMultipleArgumentsPerToken = false };
        var envFile = new Option<string?>("--env-file") { Description = "A KEY=VALUE file, read by the daemon at every start" };
        var commandLine = new Option<string?>("--command")
        {
            Description = "The command as one line, split like a config start_command: --command \"npm run dev\" is -- npm run dev",
        };
        start.Options.Add(name);
        start.Options.Add(port);
        start.Options.Add(cwd);
        start.Options.Add(env);
        start.Options.Add(envFile);
        start.Options.Add(commandLine);

        start.SetAction(async (parse, ct) =>
        {
            var afterDashes = CommandAfterDashes(parse);
            var line = parse.GetValue(commandLine);
            if (afterDashes is not null && line is not null)
            {
                await Console.Error.WriteLineAsync("svcmgr start: give the command either after -- or with --command, not both");
                return ExitCodes.Usage;
            }

            // One word holding a whole command line is what the daemon splits like a start_command.
            List<string>? command = afterDashes ?? (line is null ? null : [line]);
            var adHocOptions = new Option[] { name, port, cwd, env, envFile }.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
            if (command is null)
            {
                if (adHocOptions.Count == 0) return await plain(parse, ct);
                await Console.Error.WriteLineAsync($"svcmgr start: {string.Join(", ", adHocOptions)} go with a command after --, e.g. svcmgr start --name web -- python3 -m http.server");
                return ExitCodes.Usage;
            }

            var before = (parse.GetValue(names) ?? []).Length - (afterDashes?.Count ?? 0);
            if (before > 0 || parse.GetResult(start.Options.First(o => o.Name == "--all")) is { Implicit: false })
            {
                await Console.Error.WriteLineAsync("svcmgr start: give either instance names (or --all), or a command after --, not both");
                return ExitCodes.Usage;
            }

            if (command.Count == 0 || command is [var only] && string.IsNullOrWhiteSpace(only))
            {
                await Console.Error.WriteLineAsync("svcmgr start: no command after --, e.g. svcmgr start -- python3 -m http.server");
                return ExitCodes.Usage;
            }

            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(env) ?? [])
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    await Console.Error.WriteLineAsync($"svcmgr start: --env wants KEY=VALUE, got '{pair}'");
                    return ExitCodes.Usage;
                }

                variables[pair[..equals]] = pair[(equals + 1)..];
            }

            // Paths are the CLI's to resolve: the daemon runs elsewhere, with its own working directory.
            var request = new RunParams(
                command,
                parse.GetValue(name),
                parse.GetValue(port),
                Path.GetFullPath(parse.GetValue(cwd) ?? Environment.CurrentDirectory),
                variables.Count == 0 ? null : variables,
                parse.GetValue(envFile) is { } file ? Path.GetFullPath(file) : null);

            return await DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
            {
                var summary = await client.RunAsync(request, ct);
                if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(summary, JsonOutput.Document.InstanceSummary);
                else Console.Out.WriteLine(Describe("started", summary));
                return ExitCodes.Success;
            }, ct, startDaemon: DaemonAutoStart.Wanted(parse));
        });
    }

    /// <summary>"started my-api-http-8000 (#3), pid 4242, port 8000".</summary>
    public static string Describe(string verb, InstanceSummary s)
    {
        var text = $"{verb} {s.Id} (#{s.NumericId.ToString(CultureInfo.InvariantCulture)})";
        if (s.Pid is { } pid) text += $", pid {pid.ToString(CultureInfo.InvariantCulture)}";
        if (s.Port is { } p) text += $", port {p.ToString(CultureInfo.InvariantCulture)}";
        return text;
    }

    /// <summary>The words after a <c>--</c> token, or null when there is none.</summary>
    private static List<string>? CommandAfterDashes(ParseResult parse)
    {
        var tokens = parse.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.DoubleDash) return [.. tokens.Skip(i + 1).Select(t => t.Value)];
        }

        return null;
    }
}
