using System.Text;
using ServiceManager.Monitoring.Unix;

namespace ServiceManager.Monitoring.Tests.Metrics;

public sealed class ProcfsParsingTests
{
    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

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
}
