using System.Text;
using ServiceManager.Cli;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Host.Doctor;

/// <summary>Prints checks as <c>[OK] name: message</c> lines, each non-OK one followed by its fix.</summary>
internal static class DoctorReport
{
    private const string Indent = "       ";

    public static string Render(IReadOnlyList<DoctorCheck> checks)
    {
        var text = new StringBuilder();
        foreach (var check in checks)
        {
            var label = check.Status switch
            {
                CheckStatus.Ok => "[OK]",
                CheckStatus.Warn => "[WARN]",
                _ => "[FAIL]",
            };
            var lines = check.Message.Split('\n');
            text.Append(label.PadRight(Indent.Length)).Append(check.Name).Append(": ").Append(lines[0]).Append('\n');
            foreach (var line in lines.Skip(1)) text.Append(Indent).Append("  ").Append(line).Append('\n');
            if (check.Status != CheckStatus.Ok && check.Hint is { } hint) text.Append(Indent).Append("fix: ").Append(hint).Append('\n');
        }

        int Count(string status) => checks.Count(c => c.Status == status);
        text.Append('\n').Append($"{Count(CheckStatus.Ok)} ok, {Count(CheckStatus.Warn)} warning(s), {Count(CheckStatus.Fail)} failure(s)").Append('\n');
        return text.ToString();
    }

    /// <summary>Warnings are advice; only a failure makes the command fail.</summary>
    public static int ExitCode(IReadOnlyList<DoctorCheck> checks) =>
        checks.Any(c => c.Status == CheckStatus.Fail) ? ExitCodes.Failed : ExitCodes.Success;
}
