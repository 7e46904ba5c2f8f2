using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceManager.Cli;
using ServiceManager.Protocol.Client;
using ServiceManager.Web.Api;
using ServiceManager.Web.Dashboard;
using ServiceManager.Web.Events;
using ServiceManager.Web.Security;

namespace ServiceManager.Web.Hosting;

/// <summary>
/// Builds and runs the Kestrel server: minimal APIs over <see cref="RequestDelegate"/>s (no reflection, NativeAOT
/// clean), the security rules first, then the routes of spec §7.
/// </summary>
internal static class WebServer
{
    public static async Task<int> RunAsync(WebOptions options, CancellationToken ct)
    {
        await using var app = Build(options);
        try
        {
            await app.StartAsync(ct);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            // Kestrel reports a taken port as an AddressInUseException (an IOException); a bad address as a SocketException.
            await Console.Error.WriteLineAsync($"svcmgr web: cannot listen on {options.Listen}: {ex.Message}");
            return ExitCodes.Failed;
        }

        // One line on stdout that scripts (and the tests) read to learn the port when 0 was asked for.
        Console.Out.WriteLine($"svcmgr web: listening on {BoundUrl(app, options)} (daemon socket {options.Paths.SocketPath}" +
                              $"{(options.Token is null ? "" : "; token required")})");
        await Console.Out.FlushAsync(ct);
        await app.WaitForShutdownAsync(ct);
        return ExitCodes.Success;
    }

    public static WebApplication Build(WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes;
            kestrel.Listen(options.Listen.Address, options.Listen.Port);
        });
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton(options.Paths);
        builder.Services.AddSingleton(new DaemonGateway(options.Paths));
        builder.Services.AddSingleton(new TokenCheck(options.Token));
        builder.Services.AddSingleton(new AllowedHosts(options.Listen));
        builder.Services.AddSingleton<EventFeed>();

        var app = builder.Build();
        app.Use(SecurityHeaders);
        app.UseStatusCodePages(ApiExceptions.WriteEmptyStatusAsync);
        // Before the guard: it tells WebSocket handshakes (IsWebSocketRequest) from plain requests.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseMiddleware<RequestGuard>();
        app.UseMiddleware<ApiExceptions>();
        app.UseRouting();
        Map(app);
        return app;
    }

    private static void Map(WebApplication app)
    {
        foreach (var route in ApiRoutes.All) app.MapMethods(route.Pattern, [route.Method], route.Handler);
        app.MapGet("/metrics", new RequestDelegate(MetricsEndpoint.GetAsync));
        app.MapGet("/openapi.json", new RequestDelegate(OpenApiDocument.GetAsync));
        app.MapGet("/ws", new RequestDelegate(EventsSocket.HandleAsync));
        app.MapGet("/ws/logs/{name}", new RequestDelegate(LogsSocket.HandleAsync));
        app.MapGet("/", context => Assets.WriteAsync(context, "index.html"));
        app.MapGet("/login", new RequestDelegate(LoginEndpoints.PageAsync));
        app.MapPost("/login", new RequestDelegate(LoginEndpoints.LoginAsync));
        app.MapPost("/logout", new RequestDelegate(LoginEndpoints.LogoutAsync));
        foreach (var name in Assets.Names.Where(n => !n.EndsWith(".html", StringComparison.Ordinal)))
            app.MapGet("/" + name, context => Assets.WriteAsync(context, name));
    }

    /// <summary>
    /// The page may load only its own files and talk only to this server; it may not be framed (clickjacking); no
    /// referrer leaves; nothing is sniffed into another type.
    /// </summary>
    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return next(context);
    }

    private static string BoundUrl(WebApplication app, WebOptions options)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var port = addresses?.Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri.Port : 0).FirstOrDefault(p => p > 0)
                   ?? options.Listen.Port;
        return "http://" + options.Listen.Format(port == 0 ? options.Listen.Port : port);
    }
}
