using Microsoft.AspNetCore.Http;
using ServiceManager.Protocol;

namespace ServiceManager.Web.Api;

/// <summary>
/// The one place where an error becomes an HTTP answer: the daemon's JSON-RPC codes (<see cref="RpcErrorCodes"/>, from
/// an <c>RpcErrorException</c>) map to statuses here, and every error body is <c>{"error": {"code", "message"}}</c>.
/// </summary>
internal static class ApiErrors
{
    /// <summary>The code of an error that never reached the daemon because it is not there (503). JSON-RPC leaves
    /// -32000 to -32099 to implementations; the daemon itself never sends this one.</summary>
    public const int DaemonUnreachable = -32000;

    public static int StatusOf(int code) => code switch
    {
        RpcErrorCodes.ParseError or RpcErrorCodes.InvalidRequest or RpcErrorCodes.InvalidParams => StatusCodes.Status400BadRequest,
        RpcErrorCodes.NotFound => StatusCodes.Status404NotFound,
        RpcErrorCodes.PortConflict => StatusCodes.Status409Conflict,
        RpcErrorCodes.ConfigInvalid => StatusCodes.Status422UnprocessableEntity,
        DaemonUnreachable => StatusCodes.Status503ServiceUnavailable,
        // Spawn failures, an unknown method (a daemon older than this front end) and the daemon's own faults.
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The code that goes with a status the web front end answers by itself (no daemon call involved).</summary>
    public static int CodeOf(int status) => status switch
    {
        StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed => RpcErrorCodes.MethodNotFound,
        StatusCodes.Status503ServiceUnavailable => DaemonUnreachable,
        _ => RpcErrorCodes.InvalidRequest,
    };

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, RpcErrorCodes.InvalidParams, message);

    public static ApiException Malformed(string message) => new(StatusCodes.Status400BadRequest, RpcErrorCodes.ParseError, message);

    public static Task WriteAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new ErrorResponse(new ErrorBody(code, message)), WebJson.Web.ErrorResponse,
            contentType: "application/json; charset=utf-8", cancellationToken: context.RequestAborted);
    }

    /// <summary>A status the front end answers by itself, with the message a person reads.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, CodeOf(status), message);
}
