using Microsoft.AspNetCore.Http;
using ServiceManager.Web.Dashboard;

namespace ServiceManager.Web.Api;

/// <summary><c>GET /openapi.json</c>: the OpenAPI 3 description of <c>/api</c>, written by hand and compiled in.</summary>
internal static class OpenApiDocument
{
    private static readonly byte[] Document = Assets.Resource("openapi.json");

    public static Task GetAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = Document.Length;
        return context.Response.Body.WriteAsync(Document, context.RequestAborted).AsTask();
    }
}
