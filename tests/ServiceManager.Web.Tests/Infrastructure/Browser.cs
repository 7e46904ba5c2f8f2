using Microsoft.Playwright;

namespace ServiceManager.Web.Tests.Infrastructure;

/// <summary>
/// Headless Chromium driven by Playwright: Debian's <c>/usr/bin/chromium</c> (installed by <c>.ci/run</c>), not
/// Playwright's own browser download, which cannot be fetched here. One browser per test class (an xunit class
/// fixture); each test gets a fresh context, so no cookie or storage crosses tests.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (.ci/run does)");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>A new page in a new context, <paramref name="width"/> CSS pixels wide.</summary>
    public async Task<IPage> OpenAsync(Uri url, int width = 1280)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 800 } });
        context.SetDefaultTimeout((float)Eventually.DefaultTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString());
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
