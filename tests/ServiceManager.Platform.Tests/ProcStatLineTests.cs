using System.Text;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

/// <summary>The one /proc/PID/stat parser (used by <see cref="ProcStat"/> and by the metrics sampler) and the paths it reads.</summary>
public sealed class ProcStatLineTests
{
    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    [Fact]
    public void A_stat_line_gives_group_session_cpu_threads_rss_and_start()
    {
        // Fields 1..24 and on, as in proc(5); the command name has spaces and parentheses of its own.
        var line = "4242 (my (weird) app) S 1 4240 4200 0 -1 4194560 1200 0 3 0 150 25 7 8 20 0 6 0 98765 123456789 2560 "
            + "18446744073709551615 1 1 0 0 0 0 0 4096 17 1 0 0 0 0 0\n";

        ProcStatLine.TryParse(4242, Bytes(line), out var fields).Should().BeTrue();

        fields.Should().Be(new ProcStatFields(4242, (byte)'S', 1, 4240, 4200, 175, 6, 98765, 2560, HasUsage: true));
    }

    [Fact]
    public void Zombies_and_truncated_lines_are_recognised()
    {
        ProcStatLine.TryParse(7, Bytes("7 (sh) Z 1 7 7 0 -1 0 0 0 0 0 3 1 0 0 20 0 1 0 500 0 0 0\n"), out var zombie).Should().BeTrue();
        zombie.State.Should().Be((byte)'Z');
        zombie.HasUsage.Should().BeTrue();

        ProcStatLine.TryParse(7, Bytes("7 (sh) S 1 7 7 0 -1 0 0"), out var truncated).Should().BeTrue("group and session are there");
        truncated.HasUsage.Should().BeFalse("the line stops before the CPU fields");
        ProcStatLine.TryParse(7, Bytes("garbage"), out _).Should().BeFalse();
        ProcStatLine.TryParse(7, Bytes("7 (sh)"), out _).Should().BeFalse();
        ProcStatLine.TryParse(7, Bytes("7 (sh) S 1 7"), out _).Should().BeFalse("no session");
    }

    [Fact]
    public void Proc_stat_parsing_copes_with_odd_command_names()
    {
        var stat = ProcStat.Parse(42, "42 (a) b (c)) Z 1 42 43 0 -1 4194560");

        stat.Should().Be(new ProcStat(42, 'Z', 1, 42, 43));
        ProcStat.Parse(7, "7 (x) S 1 7 7 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 123456 0 0")!.StartTime.Should().Be(123456);
    }

    [Fact]
    public void The_live_line_of_this_process_parses()
    {
        var stat = ProcStat.Read(Environment.ProcessId);

        stat.Should().NotBeNull();
        stat!.Pid.Should().Be(Environment.ProcessId);
        stat.StartTime.Should().BeGreaterThan(0);
        ProcStatLine.TicksPerSecond.Should().BePositive();
    }

    [Fact]
    public void Proc_paths_are_nul_terminated()
    {
        Span<byte> buffer = stackalloc byte[ProcPath.MaxLength];

        var length = ProcPath.Format(buffer, 2147483647, "stat"u8);

        Encoding.ASCII.GetString(buffer[..length]).Should().Be("/proc/2147483647/stat");
        buffer[length].Should().Be(0);
    }
}
