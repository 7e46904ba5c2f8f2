using ServiceManager.Config.Model;
using ServiceManager.Config.Tests.Support;

namespace ServiceManager.Config.Tests;

/// <summary>watch, watch_ignore, watch_debounce, cron_restart, schedule, ready_log_line and [daemon] watch_config.</summary>
public sealed class TriggerKeysTests : ConfigTestBase
{
    [Fact]
    public void Watch_keys_are_read_and_the_template_gives_what_the_instance_leaves_out()
    {
        var config = Load("""
            [templates.app]
            start_command = "sleep 1"
            watch = ["src", "config/*.toml"]
            watch_ignore = [".git", "*.log"]
            [instances.a]
            template = "app"
            watch_debounce = "250ms"
            [instances.b]
            start_command = "sleep 1"
            watch = true
            [instances.c]
            start_command = "sleep 1"
            watch = false
            watch_ignore = ["x"]
            """);

        Instance(config, "a").Watch.Should().Be(new WatchSettings(["src", "config/*.toml"], [".git", "*.log"], TimeSpan.FromMilliseconds(250)));
        Instance(config, "b").Watch.Should().Be(new WatchSettings(["."], [], TimeSpan.FromMilliseconds(500)), "watch = true is pm2's: the working directory");
        Instance(config, "c").Watch.Should().BeNull("nothing is watched");
    }

    [Theory]
    [InlineData("watch = \"src\"", "instances.a.watch", 3, 9, "expected an array of paths or globs, e.g. [\"src\", \"config/*.toml\"], found a string")]
    [InlineData("watch = [\"src/[ab\"]", "instances.a.watch", 3, 10, "\"src/[ab\": unclosed '[' (write [[] for a literal '[')")]
    [InlineData("watch_ignore = [\"a**b\"]", "instances.a.watch_ignore", 3, 17, "\"a**b\": '**' must be a whole path component (a/**/b, **/x, x/**)")]
    [InlineData("watch_debounce = 500", "instances.a.watch_debounce", 3, 18, "expected a duration string such as \"10s\", found an integer")]
    [InlineData("ready_log_line = \"(unclosed\"", "instances.a.ready_log_line", 3, 18, "invalid regular expression")]
    [InlineData("ready_log_line = \"(a)\\\\1\"", "instances.a.ready_log_line", 3, 18, "not supported in a ready line (no backreferences, lookarounds or atomic groups)")]
    public void Bad_watch_and_ready_line_values_name_key_and_position(string line, string key, int row, int column, string message)
    {
        var error = SingleError($"""
            [instances.a]
            start_command = "sleep 1"
            {line}
            """);

        error.Key.Should().Be(key);
        error.Location.Should().Be(new SourceLocation(ConfigPath, row, column));
        error.Message.Should().StartWith(message);
    }

    [Fact]
    public void A_job_defaults_to_restart_never_and_keeps_an_explicit_policy()
    {
        var config = Load("""
            [instances.backup]
            start_command = "sleep 1"
            schedule = "*/5 * * * *"
            [instances.retry]
            start_command = "sleep 1"
            schedule = "@hourly"
            restart = "on-failure"
            [instances.web]
            start_command = "sleep 1"
            cron_restart = "0 3 * * *"
            """);

        var backup = Instance(config, "backup");
        backup.IsJob.Should().BeTrue();
        backup.Schedule!.Text.Should().Be("*/5 * * * *");
        backup.Restart.Policy.Should().Be(RestartPolicy.Never);
        Instance(config, "retry").Restart.Policy.Should().Be(RestartPolicy.OnFailure);
        var web = Instance(config, "web");
        web.IsJob.Should().BeFalse();
        web.CronRestart!.Text.Should().Be("0 3 * * *");
        web.Restart.Policy.Should().Be(RestartPolicy.OnFailure, "cron_restart leaves the usual default alone");
    }

    [Theory]
    [InlineData("schedule = \"*/5 * * *\"", "instances.a.schedule")]
    [InlineData("schedule = \"61 * * * *\"", "instances.a.schedule")]
    [InlineData("cron_restart = \"0 3 * * * *\"", "instances.a.cron_restart")]
    [InlineData("cron_restart = \"every day\"", "instances.a.cron_restart")]
    [InlineData("schedule = \"0 0 30 2 *\"", "instances.a.schedule")]
    public void An_invalid_cron_text_is_an_error_with_file_line_column_and_key(string line, string key)
    {
        var error = SingleError($"""
            [instances.a]
            start_command = "sleep 1"
            {line}
            """);

        error.Kind.Should().Be(ConfigErrorKind.InvalidValue);
        error.Key.Should().Be(key);
        error.Location.Line.Should().Be(3);
        error.Location.Column.Should().Be(line.IndexOf('"', StringComparison.Ordinal) + 1);
        error.Message.Should().StartWith("invalid cron expression").And.Contain("expected 5 fields");
        error.ToString().Should().StartWith($"{ConfigPath}:3:");
    }

    [Fact]
    public void A_cron_error_in_a_template_is_reported_once_at_the_template()
    {
        var error = SingleError("""
            [templates.job]
            start_command = "sleep 1"
            schedule = "* * *"
            [instances.a]
            template = "job"
            [instances.b]
            template = "job"
            """);

        error.Key.Should().Be("templates.job.schedule");
        error.Location.Should().Be(new SourceLocation(ConfigPath, 3, 12));
    }

    [Fact]
    public void Schedule_and_cron_restart_together_are_an_error()
    {
        var error = SingleError("""
            [instances.a]
            start_command = "sleep 1"
            schedule = "@daily"
            cron_restart = "@hourly"
            """);

        error.Key.Should().Be("instances.a.cron_restart");
        error.Message.Should().Contain("give one of them");
    }

    [Fact]
    public void H_in_a_schedule_picks_a_minute_of_its_own_for_each_instance_and_keeps_it()
    {
        var text = """
            [instances.a]
            start_command = "sleep 1"
            schedule = "H * * * *"
            [instances.b]
            start_command = "sleep 1"
            schedule = "H * * * *"
            """;
        var first = Load(text);
        var again = Load(text);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Minute(first, "a").Should().Be(Minute(again, "a"));
        Minute(first, "b").Should().Be(Minute(again, "b"));

        int Minute(ServicesConfig config, string id) => Instance(config, id).Schedule!.Next(at, TimeZoneInfo.Utc)!.Value.Minute;
    }

    [Fact]
    public void A_reload_sees_a_changed_schedule_watch_or_ready_line_as_a_change_and_the_same_text_as_none()
    {
        const string Before = """
            [instances.a]
            start_command = "sleep 1"
            schedule = "*/5 * * * *"
            watch = ["src"]
            ready_log_line = "up"
            """;
        var a = Instance(Load(Before), "a");
        Instance(Load(Before), "a").SameAs(a).Should().BeTrue();
        Instance(Load(Before.Replace("*/5", "*/10", StringComparison.Ordinal)), "a").SameAs(a).Should().BeFalse();
        Instance(Load(Before.Replace("[\"src\"]", "[\"lib\"]", StringComparison.Ordinal)), "a").SameAs(a).Should().BeFalse();
        Instance(Load(Before.Replace("\"up\"", "\"ready\"", StringComparison.Ordinal)), "a").SameAs(a).Should().BeFalse();
    }

    [Fact]
    public void Daemon_watch_config_is_read_and_off_by_default()
    {
        Load("[daemon]\nwatch_config = true\n").Daemon.WatchConfig.Should().BeTrue();
        Load("").Daemon.WatchConfig.Should().BeFalse();
        SingleError("[daemon]\nwatch_confg = true\n").Message.Should().Be("unknown key (did you mean 'watch_config'?)");
    }

    [Fact]
    public void Misspelt_new_keys_get_suggestions()
    {
        SingleError("[instances.a]\nstart_command = \"sleep 1\"\nshedule = \"@daily\"\n").Message.Should().Be("unknown key (did you mean 'schedule'?)");
        SingleError("[instances.a]\nstart_command = \"sleep 1\"\nwatch_ignor = []\n").Message.Should().Be("unknown key (did you mean 'watch_ignore'?)");
        SingleError("[instances.a]\nstart_command = \"sleep 1\"\nready_logline = \"x\"\n").Message.Should().Be("unknown key (did you mean 'ready_log_line'?)");
    }
}
