using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceManager.Mcp.Resources;

/// <summary>Lists one <c>svcmgr://logs/ID</c> resource per instance, so clients can offer them without knowing the ids.</summary>
internal static class InstanceLogResources
{
    public static async ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken ct)
    {
        var gateway = request.Services!.GetRequiredService<DaemonGateway>();
        IReadOnlyList<InstanceSummary> instances;
        try
        {
            instances = await gateway.CallAsync((c, t) => c.ListAsync(new ListParams(), t), retryable: true, ct);
        }
        catch (Exception ex) when (ex is RpcErrorException or DaemonUnreachableException or DaemonStartException)
        {
            // Without a daemon there are no instances to list; the config resource is still there.
            instances = [];
        }

        return new ListResourcesResult
        {
            Resources = [.. instances.Select(i => new Resource
            {
                Uri = SvcmgrResources.LogUriPrefix + i.Id,
                Name = $"log {i.Id}",
                Title = $"Recent log of {i.Id}",
                Description = $"The newest output lines of {i.Id} ({i.State})",
                MimeType = "text/plain",
            })],
        };
    }
}
