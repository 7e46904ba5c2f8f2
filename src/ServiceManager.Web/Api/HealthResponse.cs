namespace ServiceManager.Web.Api;

/// <summary><c>GET /api/health</c>: <c>{"status": "ok", "version", "daemon": {"pid", "uptimeMs", "version"}}</c>.</summary>
internal sealed record HealthResponse(string Status, string Version, DaemonHealth Daemon);

internal sealed record DaemonHealth(int Pid, long UptimeMs, string Version);

/// <summary><c>{"status": "unavailable", "error": {...}}</c> with 503 when the daemon does not answer.</summary>
internal sealed record UnavailableResponse(string Status, ErrorBody Error);
