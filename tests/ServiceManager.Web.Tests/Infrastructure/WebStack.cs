namespace ServiceManager.Web.Tests.Infrastructure;

/// <summary>A private home with a config, a real daemon and a real svcmgr-web in front of it: what every test starts from.</summary>
internal sealed class WebStack : IAsyncDisposable
{
    private WebStack(TestHome home, DaemonProcess daemon, WebProcess web, string? token)
    {
        Home = home;
        _daemon = daemon;
        Web = web;
        Token = token;
        Http = web.CreateClient(token);
    }

    public TestHome Home { get; }

    /// <summary>The running daemon; between <see cref="StopDaemonAsync"/> and <see cref="StartDaemonAsync"/> there is none.</summary>
    public DaemonProcess Daemon => _daemon ?? throw new InvalidOperationException("the daemon is stopped");

    private DaemonProcess? _daemon;

    public WebProcess Web { get; }

    public string? Token { get; }

    /// <summary>With the token, when there is one.</summary>
    public HttpClient Http { get; }

    /// <param name="token">When given, written to a token file the server is started with.</param>
    public static async Task<WebStack> StartAsync(string config, string? token = null)
    {
        var home = new TestHome();
        DaemonProcess? daemon = null;
        try
        {
            home.WriteConfig(config);
            daemon = await DaemonProcess.StartAsync(home.Path);
            string[] args = [];
            if (token is not null)
            {
                var tokenFile = Path.Combine(home.Path, "web.token");
                await File.WriteAllTextAsync(tokenFile, token + "\n");
                args = ["--token-file", tokenFile];
            }

            var web = await WebProcess.StartAsync(home.Path, args);
            return new WebStack(home, daemon, web, token);
        }
        catch
        {
            if (daemon is not null) await daemon.DisposeAsync();
            home.Dispose();
            throw;
        }
    }

    /// <summary>Stops the daemon (SIGTERM, its children with it) and waits until it is gone.</summary>
    public async Task StopDaemonAsync()
    {
        var daemon = Daemon;
        _daemon = null;
        await daemon.TerminateAsync();
        await daemon.DisposeAsync();
    }

    /// <summary>Starts a new daemon on the same home after <see cref="StopDaemonAsync"/>.</summary>
    public async Task StartDaemonAsync() => _daemon = await DaemonProcess.StartAsync(Home.Path);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Web.DisposeAsync();
        if (_daemon is not null) await _daemon.DisposeAsync();
        Home.Dispose();
    }
}
