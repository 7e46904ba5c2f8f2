using Microsoft.AspNetCore.Http;

namespace ServiceManager.Web.Api;

/// <summary>One route of <c>/api</c>: its method, path pattern and handler.</summary>
internal sealed record ApiRoute(string Method, string Pattern, RequestDelegate Handler);

/// <summary>
/// Every <c>/api</c> route, in the order of spec §7's table: the server maps exactly these, and the tests check that
/// <c>/openapi.json</c> describes each of them.
/// </summary>
internal static class ApiRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("GET", "/api/health", FleetEndpoints.HealthAsync),
        new("GET", "/api/templates", TemplateEndpoints.ListAsync),
        new("GET", "/api/templates/{id}", TemplateEndpoints.GetAsync),
        new("GET", "/api/instances", InstanceEndpoints.ListAsync),
        new("GET", "/api/instances/{name}", InstanceEndpoints.GetAsync),
        new("POST", "/api/instances", InstanceEndpoints.CreateAsync),
        new("POST", "/api/instances/{name}/start", InstanceEndpoints.StartAsync),
        new("POST", "/api/instances/{name}/stop", InstanceEndpoints.StopAsync),
        new("POST", "/api/instances/{name}/restart", InstanceEndpoints.RestartAsync),
        new("DELETE", "/api/instances/{name}", InstanceEndpoints.RemoveAsync),
        new("GET", "/api/instances/{name}/logs", InstanceEndpoints.LogsAsync),
        new("GET", "/api/metrics", FleetEndpoints.MetricsAsync),
        new("POST", "/api/reload", FleetEndpoints.ReloadAsync),
    ];
}
