namespace ServiceManager.Web.Api;

/// <summary><c>{"error": {"code", "message"}}</c>: every error the web front end answers.</summary>
internal sealed record ErrorResponse(ErrorBody Error);

/// <param name="Code">The JSON-RPC code (the daemon's, or the one the front end gives its own refusals).</param>
internal sealed record ErrorBody(int Code, string Message);
