using ServiceManager.Config.Model;

namespace ServiceManager.Supervision.Tests;

public sealed class RestartPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static RestartSettings Settings(double initial = 1, double max = 8, int perMinute = 0, double minUptime = 10) =>
        new(RestartPolicy.Always, TimeSpan.FromSeconds(initial), TimeSpan.FromSeconds(max), perMinute, TimeSpan.FromSeconds(minUptime));

    [Fact]
    public void Delays_double_and_cap()
    {
        var planner = new RestartPlanner();
        var delays = Enumerable.Range(0, 6)
            .Select(i => planner.Plan(Settings(), TimeSpan.Zero, T0.AddSeconds(i)).Delay.TotalSeconds)
            .ToList();

        delays.Should().Equal(1, 2, 4, 8, 8, 8);
    }

    [Fact]
    public void An_initial_delay_above_the_maximum_is_capped()
    {
        new RestartPlanner().Plan(Settings(initial: 20, max: 5), TimeSpan.Zero, T0).Delay.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Zero_backoff_stays_zero()
    {
        var planner = new RestartPlanner();
        planner.Plan(Settings(initial: 0), TimeSpan.Zero, T0).Delay.Should().Be(TimeSpan.Zero);
        planner.Plan(Settings(initial: 0), TimeSpan.Zero, T0).Delay.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Reset_forgets_backoff_and_window()
    {
        var planner = new RestartPlanner();
        planner.Plan(Settings(perMinute: 1), TimeSpan.Zero, T0);
        planner.Plan(Settings(perMinute: 1), TimeSpan.Zero, T0).GiveUp.Should().BeTrue();

        planner.Reset();

        var decision = planner.Plan(Settings(perMinute: 1), TimeSpan.Zero, T0);
        decision.GiveUp.Should().BeFalse();
        decision.Delay.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Restarts_older_than_sixty_seconds_leave_the_window()
    {
        var planner = new RestartPlanner();
        planner.Plan(Settings(perMinute: 1), TimeSpan.Zero, T0).GiveUp.Should().BeFalse();
        planner.Plan(Settings(perMinute: 1), TimeSpan.Zero, T0.AddSeconds(59)).GiveUp.Should().BeTrue();
        planner.Plan(Settings(perMinute: 1), TimeSpan.Zero, T0.AddSeconds(60)).GiveUp.Should().BeFalse();
    }
}
