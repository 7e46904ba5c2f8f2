using Microsoft.AspNetCore.Http;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Web.Api;

/// <summary><c>/api/instances</c>: list, status, create or run, start/stop/restart, remove, logs.</summary>
internal static class InstanceEndpoints
{
    /// <summary>Lines of <c>GET …/logs</c> when <c>lines</c> is not given, as <c>svcmgr logs</c>.</summary>
    public const int DefaultLogLines = 50;

    public const int MaxLogLines = 10_000;

    private static ProtocolJsonContext Json => WebJson.Protocol;

    public static async Task ListAsync(HttpContext context)
    {
        var filters = new ListParams(Respond.Query(context, "template"), Respond.Query(context, "tag"), Respond.Query(context, "status"));
        var list = await Respond.DaemonAsync(context, (c, ct) => c.ListAsync(filters, ct));
        await Respond.JsonAsync(context, list, Json.IReadOnlyListInstanceSummary);
    }

    public static async Task GetAsync(HttpContext context)
    {
        var name = Respond.Route(context, "name");
        // Never showEnv: environment values (often secrets) do not leave over HTTP.
        var detail = await Respond.DaemonAsync(context, (c, ct) => c.StatusAsync(name, ct));
        await Respond.JsonAsync(context, detail, Json.InstanceDetail);
    }

    /// <summary><c>{"template", ...}</c> creates an instance of a template, <c>{"command": [...], ...}</c> runs an
    /// ad-hoc command; 201 with the new instance.</summary>
    public static async Task CreateAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context)
            ?? throw ApiErrors.BadRequest("""expected a body: {"template": ...} to create an instance, or {"command": [...]} to run one""");
        InstanceSummary created;
        if (body.TryGetProperty("command", out _))
        {
            var run = JsonBody.Bind(body, WebJsonContext.Default.RunBody);
            if (run.Command.Count == 0) throw ApiErrors.BadRequest("command must name a program: [\"python3\", \"-m\", \"http.server\"]");
            var request = new RunParams(run.Command, run.Name, run.Port, run.Cwd, run.Env);
            created = await Respond.DaemonAsync(context, (c, ct) => c.RunAsync(request, ct), retryable: false);
        }
        else
        {
            var create = JsonBody.Bind(body, WebJsonContext.Default.CreateBody);
            var request = new CreateParams(create.Template, create.Id, create.Port, create.Start);
            created = await Respond.DaemonAsync(context, (c, ct) => c.CreateAsync(request, ct), retryable: false);
        }

        context.Response.Headers.Location = "/api/instances/" + Uri.EscapeDataString(created.Id);
        await Respond.JsonAsync(context, created, Json.InstanceSummary, StatusCodes.Status201Created);
    }

    public static Task StartAsync(HttpContext context) => ControlAsync(context, (c, targets, ct) => c.StartAsync(targets, ct));

    public static Task StopAsync(HttpContext context) => ControlAsync(context, (c, targets, ct) => c.StopAsync(targets, ct));

    public static Task RestartAsync(HttpContext context) => ControlAsync(context, (c, targets, ct) => c.RestartAsync(targets, ct), retryable: false);

    public static async Task RemoveAsync(HttpContext context)
    {
        var name = Respond.Route(context, "name");
        await JsonBody.ReadEmptyAsync(context);
        // Not repeated on a fresh connection: a remove that did happen would then answer "no such instance".
        var removed = await Respond.DaemonAsync(context, (c, ct) => c.RemoveAsync([name], ct), retryable: false);
        await Respond.JsonAsync(context, removed, Json.RemoveResult);
    }

    public static async Task LogsAsync(HttpContext context)
    {
        var name = Respond.Route(context, "name");
        var lines = Respond.QueryInt(context, "lines", 0, MaxLogLines) ?? DefaultLogLines;
        var stream = Respond.Query(context, "stream");
        if (stream is not (null or "stdout" or "stderr"))
            throw ApiErrors.BadRequest($"stream={stream}: expected stdout or stderr");
        var result = await Respond.DaemonAsync(context, (c, ct) => c.LogsAsync(new LogsParams([name], lines, Follow: false, stream), ct));
        await Respond.JsonAsync(context, result with { Subscription = null }, Json.LogsResult);
    }

    /// <param name="retryable">Whether the call may be repeated on a fresh connection: harmless for start and stop
    /// (a second start finds it running), not for restart.</param>
    private static async Task ControlAsync(
        HttpContext context, Func<Protocol.Client.DaemonClient, TargetParams, CancellationToken, Task<BulkResult>> call, bool retryable = true)
    {
        var name = Respond.Route(context, "name");
        await JsonBody.ReadEmptyAsync(context);
        var result = await Respond.DaemonAsync(context, (c, ct) => call(c, new TargetParams([name]), ct), retryable);
        await Respond.JsonAsync(context, result, Json.BulkResult);
    }
}
