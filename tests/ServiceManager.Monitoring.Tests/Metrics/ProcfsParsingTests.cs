using System.Text;
using ServiceManager.Monitoring.Metrics;
using ServiceManager.Monitoring.Unix;

namespace ServiceManager.Monitoring.Tests.Metrics;

public sealed class ProcfsParsingTests
{
    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    [Fact]
    public void A_stat_line_gives_group_session_cpu_threads_rss_and_start()
    {
        // Fields 1..24 and on, as in proc(5); the command name has spaces and parentheses of its own.
        var line = "4242 (my (weird) app) S 1 4240 4200 0 -1 4194560 1200 0 3 0 150 25 7 8 20 0 6 0 98765 123456789 2560 "
            + "18446744073709551615 1 1 0 0 0 0 0 4096 17 1 0 0 0 0 0\n";

        ProcStatParser.TryParse(4242, Bytes(line), out var sample).Should().BeTrue();

        sample.Should().Be(new ProcessSample(4242, (byte)'S', 4240, 4200, 175, 6, 2560, 98765));
        sample.IsZombie.Should().BeFalse();
    }

    [Fact]
    public void Zombies_and_truncated_lines_are_recognised()
    {
        ProcStatParser.TryParse(7, Bytes("7 (sh) Z 1 7 7 0 -1 0 0 0 0 0 3 1 0 0 20 0 1 0 500 0 0 0\n"), out var zombie).Should().BeTrue();
        zombie.IsZombie.Should().BeTrue();

        ProcStatParser.TryParse(7, Bytes("7 (sh) S 1 7 7 0 -1 0 0"), out _).Should().BeFalse();
        ProcStatParser.TryParse(7, Bytes("garbage"), out _).Should().BeFalse();
        ProcStatParser.TryParse(7, Bytes("7 (sh)"), out _).Should().BeFalse();
    }

    [Fact]
    public void Load_averages_uptime_and_memory_parse()
    {
        ProcTextParser.TryParseLoadAverage(Bytes("0.52 1.58 12.00 2/345 6789\n"), out var one, out var five, out var fifteen)
            .Should().BeTrue();
        (one, five, fifteen).Should().Be((0.52, 1.58, 12.0));

        ProcTextParser.TryParseUptime(Bytes("3498.56 6800.12\n"), out var uptime).Should().BeTrue();
        uptime.Should().Be(3498.56);

        const string meminfo = "MemTotal:       24683836 kB\nMemFree:        24459712 kB\nMemAvailable:   24424888 kB\nBuffers: 1 kB\n";
        ProcTextParser.TryParseMemory(Bytes(meminfo), out var total, out var available).Should().BeTrue();
        total.Should().Be(24683836L * 1024);
        available.Should().Be(24424888L * 1024);

        ProcTextParser.TryParseMemory(Bytes("MemTotal: 1 kB\n"), out _, out _).Should().BeFalse("MemAvailable is missing");
    }

    [Fact]
    public void The_cpu_line_counts_idle_and_iowait_as_not_busy_and_guest_time_once()
    {
        //                 user nice system idle iowait irq softirq steal guest guest_nice
        const string stat = "cpu  100 20 30 1000 50 5 5 10 40 0\ncpu0 50 10 15 500 25 2 3 5 20 0\nintr 1 2 3\n";

        ProcTextParser.TryParseCpuTotals(Bytes(stat), out var busy, out var total).Should().BeTrue();

        total.Should().Be(100 + 20 + 30 + 1000 + 50 + 5 + 5 + 10);
        busy.Should().Be(100 + 20 + 30 + 5 + 5 + 10);
        ProcTextParser.TryParseCpuTotals(Bytes("cpu0 1 2 3 4\n"), out _, out _).Should().BeFalse();
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
