using ServiceManager.Platform;

namespace ServiceManager.Monitoring.Health;

/// <summary>
/// Turns a configured <c>health_endpoint</c> into a probe. Owns the one <see cref="HttpClient"/> that every HTTP probe
/// of the daemon shares (one connection pool, one handler, no socket exhaustion).
/// </summary>
public sealed class HealthProbeFactory : IDisposable
{
    public const string ExecPrefix = "exec:";

    private readonly IProcessSpawner _spawner;
    private readonly HttpClient _http;

    /// <param name="spawner">Runs <c>exec:</c> probes in sessions of their own (the daemon's spawner).</param>
    public HealthProbeFactory(IProcessSpawner spawner)
    {
        ArgumentNullException.ThrowIfNull(spawner);
        _spawner = spawner;
        var handler = new SocketsHttpHandler
        {
            // 3xx is a verdict ("healthy"), not something to chase to another host.
            AllowAutoRedirect = false,
            UseCookies = false,
            // Endpoints are the instances' own, usually on loopback: an HTTP(S)_PROXY in the daemon's environment
            // must not route them elsewhere.
            UseProxy = false,
        };
        // Like Kubernetes' HTTPS probes: certificates are not verified. A probe sends nothing secret and only asks
        // "does it answer?"; local services with self-signed certificates are the common case.
#pragma warning disable CA5359
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        // The monitor's token bounds every probe (health_timeout_ms); HttpClient's own 100 s default must not.
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Builds the probe for <paramref name="endpoint"/>.</summary>
    /// <param name="execEnvironment">Complete environment for an <c>exec:</c> command (unused by other kinds).</param>
    /// <param name="execWorkingDirectory">Working directory for an <c>exec:</c> command.</param>
    /// <exception cref="ArgumentException">Not <c>http(s)://</c>, <c>tcp://HOST:PORT</c> or <c>exec:COMMAND</c>
    /// (the config loader rejects those already).</exception>
    public IHealthProbe Create(
        string endpoint, IReadOnlyDictionary<string, string> execEnvironment, string execWorkingDirectory)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.StartsWith(ExecPrefix, StringComparison.Ordinal))
        {
            var command = endpoint[ExecPrefix.Length..].Trim();
            if (command.Length == 0) throw Invalid(endpoint);
            return new ExecHealthProbe(_spawner, command, execEnvironment, execWorkingDirectory);
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Host.Length == 0) throw Invalid(endpoint);
        return uri.Scheme switch
        {
            "http" or "https" => new HttpHealthProbe(_http, uri),
            "tcp" when uri.Port > 0 => new TcpHealthProbe(endpoint, uri.DnsSafeHost, uri.Port),
            _ => throw Invalid(endpoint),
        };
    }

    public void Dispose() => _http.Dispose();

    private static ArgumentException Invalid(string endpoint) =>
        new($"expected http://..., https://..., tcp://HOST:PORT or exec:COMMAND, got \"{endpoint}\"", nameof(endpoint));
}
