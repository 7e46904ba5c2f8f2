
namespace ServiceManager.EndToEnd.Tests.Monitoring;

/// <summary><c>max_memory</c> against a real process that allocates.</summary>
public sealed class MaxMemoryTests
{
    [Fact]
    public async Task A_process_that_allocates_past_max_memory_is_restarted_with_the_reason_in_its_transitions()
    {
        using var home = new TestHome();
        // 120 MiB written byte by byte (so it is resident), against a 40 MiB limit.
        home.WriteConfig("""
            [instances.hog]
            start_command = ["python3", "-c", "import time; b = b'x' * (120 * 1024 * 1024); time.sleep(1000)"]
            auto_start = true
            max_memory = "40M"

            [instances.modest]
            start_command = "sleep 1000"
            auto_start = true
            max_memory = "40M"
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        var first = await Instances.RunningPidAsync(daemon, "hog");

        var detail = await Eventually.GetAsync(() => Instances.StatusAsync(daemon, "hog"),
            d => d.Transitions.Any(t => t.Reason.Contains("exceeds max_memory", StringComparison.Ordinal)),
            "a restart for memory", TimeSpan.FromSeconds(60));

        var transition = detail.Transitions.First(t => t.Reason.Contains("exceeds max_memory", StringComparison.Ordinal));
        transition.From.Should().Be("running");
        transition.Reason.Should().Contain("exceeds max_memory 40.0M by ");
        await Instances.WaitForAsync(daemon, "hog", s => s.Restarts > 0 && s.Pid != first, "to run a new child");
        var modest = await Instances.StatusAsync(daemon, "modest");
        modest.Restarts.Should().Be(0);
        modest.Transitions.Should().NotContain(t => t.Reason.Contains("max_memory", StringComparison.Ordinal));
    }
}
