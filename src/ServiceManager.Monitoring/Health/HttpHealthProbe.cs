using System.Net;
using System.Net.Http.Headers;

namespace ServiceManager.Monitoring.Health;

/// <summary><c>GET</c> on an <c>http(s)://</c> endpoint: 2xx and 3xx are healthy (redirects are not followed).</summary>
/// <remarks>
/// Each probe asks for <c>Connection: close</c>, as Kubernetes probes do: a pooled connection would keep reporting
/// "healthy" through a server that no longer accepts new connections, and would go stale across restarts.
/// </remarks>
public sealed class HttpHealthProbe : IHealthProbe
{
    private static readonly ProductInfoHeaderValue UserAgent = new("svcmgr-health", "1");

    private readonly HttpClient _client;
    private readonly Uri _uri;

    /// <param name="client">Shared by every HTTP probe of the daemon (<see cref="HealthProbeFactory"/>); it must not
    /// follow redirects and must have an infinite timeout (the monitor's token bounds each probe).</param>
    public HttpHealthProbe(HttpClient client, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(uri);
        _client = client;
        _uri = uri;
    }

    public string Endpoint => _uri.OriginalString;

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _uri);
        request.Headers.ConnectionClose = true;
        request.Headers.UserAgent.Add(UserAgent);
        try
        {
            // Headers are enough for a verdict; the body is never read.
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            var detail = $"HTTP {code}";
            return code is >= 200 and < 400 ? ProbeResult.Healthy(detail) : ProbeResult.Unhealthy(detail);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Unhealthy(Describe(e));
        }
    }

    private static string Describe(HttpRequestException e) =>
        e.HttpRequestError switch
        {
            HttpRequestError.ConnectionError when e.InnerException is System.Net.Sockets.SocketException s =>
                SocketText.Describe(s),
            HttpRequestError.NameResolutionError => "name resolution failed",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            _ => e.StatusCode is HttpStatusCode status ? $"HTTP {(int)status}" : e.Message,
        };
}
