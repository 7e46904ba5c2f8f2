using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ServiceManager.Mcp.Resources;
using ServiceManager.Mcp.Tools;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;

namespace ServiceManager.Mcp;

/// <summary>
/// <c>svcmgr mcp</c>: an MCP server on stdin/stdout whose tools are calls to the daemon. It supervises nothing
/// itself, so any number of assistants can share one daemon, and processes outlive the assistant's session.
/// </summary>
public static class McpServerHost
{
    private const string Instructions =
        "svcmgr runs long-lived local processes (dev servers, watchers, workers, databases) in the background for you. " +
        "Start them with start_process instead of a shell, so they keep running, are restarted when they crash, and their " +
        "output stays readable with get_process_logs. Check list_processes first: what you need may already run, on a known " +
        "port. Stop (stop_process) or remove (remove_instance) what you started once it is no longer needed.";

    public static async Task<int> RunAsync(DaemonPaths paths, bool startDaemon, CancellationToken ct)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // stdout carries the protocol: every log line must go to stderr.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);

        using var launcher = startDaemon ? new DaemonLauncher(paths, new BackgroundStart(DetachedProcess.Start, DetachedProcess.TryGetExit)) : null;
        await using var gateway = new DaemonGateway(paths, launcher);
        // Registered as an instance, so the container does not own it: it is disposed here, after the host.
        builder.Services.AddSingleton(gateway);

        builder.Services
            .AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation { Name = "svcmgr", Title = "svcmgr service manager", Version = Version() };
                o.ServerInstructions = Instructions;
            })
            .WithStdioServerTransport()
            .WithTools<QueryTools>(McpJsonContext.ToolOptions)
            .WithTools<ControlTools>(McpJsonContext.ToolOptions)
            .WithTools<InstanceTools>(McpJsonContext.ToolOptions)
            .WithResources<SvcmgrResources>()
            .WithListResourcesHandler(InstanceLogResources.ListAsync)
            .WithRequestFilters(filters => filters.AddCallToolFilter(ArgumentErrorFilter.Wrap));

        // Start the daemon while the client initializes, so that the first tool call does not wait for it.
        var warmUp = launcher is null ? Task.CompletedTask : WarmUpAsync(gateway, ct);
        await builder.Build().RunAsync(ct); // returns when the client closes stdin, or on SIGTERM/SIGINT
        await warmUp;
        return 0;
    }

    private static async Task WarmUpAsync(DaemonGateway gateway, CancellationToken ct)
    {
        try
        {
            await gateway.WarmUpAsync(ct);
        }
        catch (Exception ex) when (ex is DaemonStartException or DaemonUnreachableException or OperationCanceledException)
        {
            // Tool calls try again and tell the model; this line is for a person reading the client's server log.
            await Console.Error.WriteLineAsync($"svcmgr mcp: could not start the daemon: {ex.Message}");
        }
    }

    private static string Version() =>
        typeof(McpServerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
