using System.CommandLine;
using ServiceManager.Cli;
using ServiceManager.Cli.Handover;
using ServiceManager.Config;
using ServiceManager.Daemon.Host.Import.Pm2;

namespace ServiceManager.Daemon.Host.Import;

/// <summary><c>svcmgr import pm2 FILE [-o FILE] [--env NAME]</c>: a PM2 ecosystem file as svcmgr TOML, checked by
/// the config loader before it is written; every key it does not map is listed on stderr.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var command = SiblingCommands.Import.Declare();
        command.Subcommands.Add(Pm2());
        return command;
    }

    private static Command Pm2()
    {
        var file = new Argument<string>("FILE") { Description = "The ecosystem file: .json, or .js/.cjs/.mjs (read through node)" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the TOML to this file (it must not exist unless --force) instead of stdout" };
        var force = new Option<bool>("--force") { Description = "With --output: replace the file if it exists" };
        var environment = new Option<string?>("--env") { Description = "Apply env_NAME over env, as pm2 start --env NAME does" };
        var command = new Command("pm2", "Convert a PM2 ecosystem file to svcmgr TOML (stdout, or --output); keys it cannot map are listed on stderr")
        {
            file, output, force, environment,
        };
        command.SetAction(async (parse, ct) =>
        {
            var source = Path.GetFullPath(parse.GetValue(file)!);
            var target = parse.GetValue(output) is { } o ? Path.GetFullPath(o) : null;
            if (target is not null && File.Exists(target) && !parse.GetValue(force))
            {
                await Console.Error.WriteLineAsync($"svcmgr import: {target} exists; give --force to replace it");
                return ExitCodes.Failed;
            }

            Pm2Import import;
            try
            {
                using var document = await EcosystemReader.ReadAsync(source, ct);
                import = new Pm2Converter(source, Path.GetDirectoryName(source)!, parse.GetValue(environment), Environment.ProcessorCount)
                    .Convert(document.RootElement);
            }
            catch (Pm2FormatException ex)
            {
                await Console.Error.WriteLineAsync($"svcmgr import: {ex.Message}");
                return ex.Unreadable ? ExitCodes.Failed : ExitCodes.ConfigInvalid;
            }

            var toml = import.Toml();
            // The promise of the command: what it writes loads. A failure here is svcmgr's bug, not the user's.
            var checkPath = target ?? Path.ChangeExtension(source, ".toml");
            try
            {
                ConfigLoader.Parse(toml, checkPath, ConfigLoader.ProcessEnvironment());
            }
            catch (ConfigException ex)
            {
                await Console.Error.WriteLineAsync($"svcmgr import: the TOML made from {source} does not load; nothing written:\n{ex.Message}\n--- the TOML\n{toml}");
                return ExitCodes.Failed;
            }

            foreach (var key in import.Unmapped) await Console.Error.WriteLineAsync($"svcmgr import: {key}");
            if (target is null)
            {
                await Console.Out.WriteAsync(toml);
            }
            else
            {
                await File.WriteAllTextAsync(target, toml, ct);
            }

            await Console.Error.WriteLineAsync(
                $"svcmgr import: {import.Apps} app{(import.Apps == 1 ? "" : "s")} -> {import.Instances} instance{(import.Instances == 1 ? "" : "s")}" +
                $"{(target is null ? "" : " written to " + target)}; {import.Unmapped.Count} key{(import.Unmapped.Count == 1 ? "" : "s")} not mapped" +
                (import.Unmapped.Count == 0 ? "" : " (listed above)"));
            return ExitCodes.Success;
        });
        return command;
    }
}
