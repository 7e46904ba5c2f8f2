using System.CommandLine;
using ServiceManager.Cli.Completion;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr completion bash|zsh|fish</c>: prints the shell's completion script (<see cref="CompletionScripts"/>).</summary>
internal static class CompletionCommand
{
    public static Command Create()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or fish" };
        shell.AcceptOnlyFromAmong([.. CompletionScripts.Shells]);
        var command = new Command("completion", "Print a shell completion script (commands, options, instance names from the daemon): eval \"$(svcmgr completion bash)\"")
        {
            shell,
        };
        command.SetAction(parse =>
        {
            Console.Out.Write(CompletionScripts.For(parse.GetValue(shell)!));
            return ExitCodes.Success;
        });
        return command;
    }
}
