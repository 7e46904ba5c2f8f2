using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Diagnostics;
using ServiceManager.Protocol.Client;

namespace ServiceManager.Web.Api;

/// <summary>
/// Turns what a handler throws into the error body: the front end's own refusals (<see cref="ApiException"/>), the
/// daemon's errors (their code through <see cref="ApiErrors.StatusOf"/>) and a daemon that is not there (503).
/// Statuses answered without a body (an unknown route's 404, a wrong method's 405) get one too.
/// </summary>
internal sealed class ApiExceptions(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiException ex) when (!context.Response.HasStarted)
        {
            await ApiErrors.WriteAsync(context, ex.Status, ex.Code, ex.Message);
        }
        catch (RpcErrorException ex) when (!context.Response.HasStarted)
        {
            await ApiErrors.WriteAsync(context, ApiErrors.StatusOf(ex.Code), ex.Code, ex.Message);
        }
        catch (DaemonUnreachableException ex) when (!context.Response.HasStarted)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ApiErrors.DaemonUnreachable,
                $"daemon not reachable: {ex.Message}");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody to answer.
        }
    }

    /// <summary>For <c>UseStatusCodePages</c>: a body for the statuses routing answers with none.</summary>
    public static Task WriteEmptyStatusAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var request = context.Request;
        var code = context.Response.StatusCode;
        var message = code switch
        {
            StatusCodes.Status404NotFound => $"no such route: {request.Method} {request.Path} (the API is described at /openapi.json)",
            StatusCodes.Status405MethodNotAllowed =>
                $"{request.Method} is not allowed on {request.Path}" +
                (context.Response.Headers.Allow.ToString() is { Length: > 0 } allow ? $"; use {allow}" : ""),
            _ => $"HTTP {code}",
        };
        return ApiErrors.WriteAsync(context, code, message);
    }
}
