using System.CommandLine;
using ServiceManager.Cli;
using ServiceManager.Cli.Handover;
using ServiceManager.Cli.Output;
using ServiceManager.Config;
using ServiceManager.Config.Model;

namespace ServiceManager.Daemon.Host.Validate;

/// <summary><c>svcmgr validate [FILE]</c>: the daemon's own config check, without a daemon (CI, pre-commit hooks,
/// before <c>reload</c>). Every error at once, exit 3; a one-line summary and exit 0 when the file loads.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "The config file to check (default: --config, $SVCMGR_CONFIG, $SVCMGR_HOME/services.toml or ~/.config/svcmgr/services.toml)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = SiblingCommands.Validate.Declare();
        command.Arguments.Add(file);
        command.Options.Add(GlobalOptions.Json);
        command.SetAction(parse =>
        {
            var path = Path.GetFullPath(parse.GetValue(file) ?? GlobalOptions.Paths(parse).ConfigPath);
            var report = Check(path);
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(report, ValidateJsonContext.Document.ValidationReport);
            }
            else if (report.Valid)
            {
                Console.Out.WriteLine(report.Summary());
            }
            else
            {
                Console.Error.WriteLine($"svcmgr: invalid config {path}:");
                foreach (var error in report.Errors) Console.Error.WriteLine(error.Text);
            }

            return report.Valid ? ExitCodes.Success : ExitCodes.ConfigInvalid;
        });
        return command;
    }

    /// <summary>Loads <paramref name="path"/> as the daemon would (its <c>${VAR}</c>s from this environment); unlike the
    /// daemon, a file that does not exist is an error: a check of nothing must not pass. Ports in use on this machine
    /// are not checked (a running daemon's own children hold them), nor the run-time instances of <c>state.json</c>.</summary>
    public static ValidationReport Check(string path)
    {
        if (!File.Exists(path))
        {
            var missing = new ConfigError(new SourceLocation(path, 1, 1), "", "no such file", ConfigErrorKind.Unreadable);
            return ValidationReport.Of(path, new ConfigException([missing]));
        }

        try
        {
            return ValidationReport.Of(ConfigLoader.Load(path, ConfigLoader.ProcessEnvironment()));
        }
        catch (ConfigException ex)
        {
            return ValidationReport.Of(path, ex);
        }
    }
}
