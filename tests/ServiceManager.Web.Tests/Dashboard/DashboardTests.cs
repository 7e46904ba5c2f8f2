using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceManager.Web.Tests.Dashboard;

/// <summary>The dashboard at <c>/</c> in a real headless Chromium against a real svcmgr-web and daemon.</summary>
public sealed class DashboardTests(Browser browser) : IClassFixture<Browser>
{
    private const string Config = """
        [instances.alpha]
        start_command = "sleep 1000"
        auto_start = true

        [instances.beta]
        start_command = "sleep 1000"
        auto_start = true

        [instances.talker]
        start_command = ["/bin/sh", "-c", "echo talker-up; while true; do if [ -f say ]; then cat say; rm say; fi; sleep 0.1; done"]
        working_dir = "{config}"
        auto_start = true
        """;

    static DashboardTests() => SetDefaultExpectTimeout((float)Eventually.DefaultTimeout.TotalMilliseconds);

    [Fact]
    public async Task The_table_lists_every_instance_with_its_state()
    {
        await using var stack = await StartAsync();
        var page = await browser.OpenAsync(stack.Web.BaseUri);

        foreach (var name in new[] { "alpha", "beta", "talker" })
            await Expect(State(page, name)).ToHaveTextAsync("running");
        await Expect(page.Locator("#rows tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        await Expect(Row(page, "alpha").Locator("[data-field=pid]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
    }

    [Fact]
    public async Task Clicking_stop_turns_the_row_stopped_without_reloading_the_page()
    {
        await using var stack = await StartAsync();
        var page = await browser.OpenAsync(stack.Web.BaseUri);
        await Expect(State(page, "alpha")).ToHaveTextAsync("running");
        await page.EvaluateAsync("() => window.sameDocument = true");

        await Row(page, "alpha").Locator("button[data-action=stop]").ClickAsync();

        await Expect(State(page, "alpha")).ToHaveTextAsync("stopped");
        (await page.EvaluateAsync<bool>("() => window.sameDocument === true")).Should().BeTrue("the row changed in place, over /ws");
        (await Instances.GetAsync(stack.Daemon, "alpha")).State.Should().Be("stopped");
        await Expect(State(page, "beta")).ToHaveTextAsync("running");
    }

    [Fact]
    public async Task The_log_pane_shows_a_line_printed_after_the_page_opened()
    {
        await using var stack = await StartAsync();
        var page = await browser.OpenAsync(stack.Web.BaseUri);
        await Row(page, "talker").Locator("[data-field=name]").ClickAsync();
        await Expect(page.Locator("#logs-lines")).ToContainTextAsync("talker-up");

        var said = $"said-after-open-{Guid.NewGuid():N}";
        await File.WriteAllTextAsync(Path.Combine(stack.Home.Path, "say.tmp"), said + "\n");
        File.Move(Path.Combine(stack.Home.Path, "say.tmp"), Path.Combine(stack.Home.Path, "say"));

        await Expect(page.Locator("#logs-lines")).ToContainTextAsync(said);
        await Expect(page.Locator("#logs-name")).ToHaveTextAsync("talker");
    }

    [Fact]
    public async Task When_the_daemon_goes_away_the_page_says_so_and_recovers_when_it_is_back()
    {
        await using var stack = await StartAsync();
        var page = await browser.OpenAsync(stack.Web.BaseUri);
        await Expect(State(page, "alpha")).ToHaveTextAsync("running");

        await stack.StopDaemonAsync();
        await Expect(page.Locator("#banner")).ToBeVisibleAsync();
        await Expect(page.Locator("#banner")).ToContainTextAsync("daemon not reachable — retrying");

        await stack.StartDaemonAsync();
        await Expect(page.Locator("#banner")).ToBeHiddenAsync();
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        await Expect(State(page, "alpha")).ToHaveTextAsync("running");
        // Live again, not only reloaded: an event from the new daemon reaches the row.
        await Row(page, "beta").Locator("button[data-action=stop]").ClickAsync();
        await Expect(State(page, "beta")).ToHaveTextAsync("stopped");
    }

    [Fact]
    public async Task Sparklines_draw_the_cpu_and_memory_samples()
    {
        await using var stack = await StartAsync();
        var page = await browser.OpenAsync(stack.Web.BaseUri);

        await Expect(Row(page, "alpha").Locator("[data-field=memory] polyline")).ToHaveAttributeAsync("points", new System.Text.RegularExpressions.Regex(@"\d+,[\d.]+ \d+,[\d.]+"));
        await Expect(Row(page, "alpha").Locator("[data-field=cpu] polyline")).ToHaveAttributeAsync("points", new System.Text.RegularExpressions.Regex(@"\d+,[\d.]+ \d+,[\d.]+"));
        await Expect(Row(page, "alpha").Locator("[data-field=memory] .value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d.]+[KMG]$"));
    }

    [Fact]
    public async Task At_360_pixels_wide_nothing_scrolls_sideways_and_the_buttons_are_visible()
    {
        await using var stack = await StartAsync();
        var page = await browser.OpenAsync(stack.Web.BaseUri, width: 360);
        await Expect(State(page, "talker")).ToHaveTextAsync("running");

        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        scrollWidth.Should().BeLessThanOrEqualTo(360, "a phone-width screen shows the whole row, no sideways scrolling");
        foreach (var action in new[] { "start", "stop", "restart" })
        {
            var box = await Row(page, "talker").Locator($"button[data-action={action}]").BoundingBoxAsync();
            box.Should().NotBeNull();
            (box!.X + box.Width).Should().BeLessThanOrEqualTo(360, $"the {action} button is on screen");
        }
    }

    [Fact]
    public async Task Everything_works_from_the_keyboard()
    {
        await using var stack = await StartAsync();
        var page = await browser.OpenAsync(stack.Web.BaseUri);
        await Expect(State(page, "beta")).ToHaveTextAsync("running");

        // "/" jumps to the filter; typing narrows the table; Escape clears it.
        await page.Keyboard.PressAsync("/");
        await Expect(page.Locator("#filter")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("bet");
        await Expect(Row(page, "alpha")).ToBeHiddenAsync();
        await Expect(Row(page, "beta")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(Row(page, "alpha")).ToBeVisibleAsync();

        // Tab reaches the rows; arrows move between them; x stops; Enter follows the logs; Escape closes them.
        await page.Keyboard.PressAsync("Tab");
        await Expect(Row(page, "alpha")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(Row(page, "beta")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("x");
        await Expect(State(page, "beta")).ToHaveTextAsync("stopped");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#logs")).ToBeVisibleAsync();
        await Expect(page.Locator("#logs-lines")).ToContainTextAsync("talker-up");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#logs")).ToBeHiddenAsync();
        await Expect(Row(page, "talker")).ToBeFocusedAsync();
    }

    private static Task<WebStack> StartAsync() => WebStack.StartAsync(Config);

    private static ILocator Row(IPage page, string name) => page.Locator($"#rows tr[data-instance=\"{name}\"]");

    private static ILocator State(IPage page, string name) => Row(page, name).Locator("[data-field=state]");
}
