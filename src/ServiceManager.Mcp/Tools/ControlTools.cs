using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ServiceManager.Mcp.Tools.Outputs;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Mcp.Tools;

/// <summary>Starting, stopping and restarting processes.</summary>
[McpServerToolType]
public sealed class ControlTools
{
    private readonly DaemonGateway _gateway;

    public ControlTools(DaemonGateway gateway) => _gateway = gateway;

    [McpServerTool(Name = "start_process", Title = "Start a process", ReadOnly = false, Idempotent = false, Destructive = false,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ProcessActionOutput))]
    [Description("Start a process under svcmgr, which keeps it running in the background, restarts it on failure and keeps its " +
                 "logs. Either give `name` alone to start an instance that already exists (see list_processes), or give " +
                 "`command` to run something new (a dev server, a watcher, a worker) as a new managed instance; it is " +
                 "remembered, so later calls can start, stop or read it by name. Prefer this to running long-lived commands " +
                 "in a shell.")]
    public Task<CallToolResult> StartProcess(
        [Description("With `command`: the name for the new instance (default: derived from the command). Without: the existing instance to start: " + NameHelp.Description)]
        string? name = null,
        [Description("Program and arguments of a new instance, e.g. [\"npm\", \"run\", \"dev\"]; no shell is involved, so for pipes or && use [\"sh\", \"-c\", \"...\"]")]
        string[]? command = null,
        [Description("With `command`: the port to give it (passed as $PORT); default: none")] int? port = null,
        [Description("With `command`: working directory; relative paths are resolved against the directory this MCP server runs in, which is also the default")]
        string? cwd = null,
        [Description("With `command`: extra environment variables, e.g. {\"NODE_ENV\": \"development\"}")] Dictionary<string, string>? env = null,
        CancellationToken cancellationToken = default) =>
        ToolRun.RunAsync(_gateway, ct => command is { Length: > 0 }
                ? RunAsync(command, name, port, cwd, env, ct)
                : StartExistingAsync(name, port, cwd, env, ct),
            cancellationToken, RunHint(command));

    [McpServerTool(Name = "stop_process", Title = "Stop a process", ReadOnly = false, Idempotent = true, Destructive = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ProcessActionOutput))]
    [Description("Stop a managed process: its whole process group gets the stop signal (SIGTERM by default), then SIGKILL after " +
                 "the grace period. The instance stays known and can be started again; stopping a stopped instance does nothing.")]
    public Task<CallToolResult> StopProcess(
        [Description(NameHelp.Description)] string name,
        CancellationToken cancellationToken = default) =>
        ToolRun.RunAsync(_gateway, ct => BulkAsync(name, (c, t, token) => c.StopAsync(t, token), "stopped", "already stopped", retryable: true, ct), cancellationToken);

    [McpServerTool(Name = "restart_process", Title = "Restart a process", ReadOnly = false, Idempotent = false, Destructive = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ProcessActionOutput))]
    [Description("Stop a managed process (if it runs) and start it again, e.g. after changing its code or configuration. " +
                 "With `rolling`: a zero-downtime reload instead: for each process (each member of a replica group, one at a time) a " +
                 "replacement starts first and the old process stops only once the replacement is ready; a replacement that is not " +
                 "ready in time is stopped and the old process keeps serving (the tool fails and says why).")]
    public Task<CallToolResult> RestartProcess(
        [Description(NameHelp.Description + " A replica group's name means every member.")] string name,
        [Description("Replace without downtime (new process first, then the old one stops) instead of stop-then-start")] bool rolling = false,
        CancellationToken cancellationToken = default) =>
        ToolRun.RunAsync(_gateway, ct => rolling
                ? RollingAsync(name, ct)
                : BulkAsync(name, (c, t, token) => c.RestartAsync(t, token), "restarted", "restarted", retryable: false, ct),
            cancellationToken);

    [McpServerTool(Name = "scale_process", Title = "Scale a replica group", ReadOnly = false, Idempotent = true, Destructive = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ProcessActionOutput))]
    [Description("Change how many copies (members NAME.0, NAME.1, ...) a replica group runs: a group is an instance configured " +
                 "with `instances = N`. New members start if the group runs; surplus members (the highest numbers) stop and are " +
                 "removed. The count is kept across daemon restarts until the config's `instances` changes.")]
    public Task<CallToolResult> ScaleProcess(
        [Description("The replica group's name (as in the config, without a .N suffix)")] string name,
        [Description("How many members it should have, at least 1")] int count,
        CancellationToken cancellationToken = default) =>
        ToolRun.RunAsync(_gateway, async ct =>
        {
            var result = await _gateway.CallAsync((c, t) => c.ScaleAsync(name, count, t), retryable: true, ct);
            var detail = await _gateway.CallAsync((c, t) => c.StatusAsync(name, t), retryable: true, ct);
            var text = $"{result.Name} now has {result.Count} member{(result.Count == 1 ? "" : "s")}: {string.Join(", ", result.Members)}";
            if (result.Added.Count > 0) text += $"\nadded: {string.Join(", ", result.Added)}";
            if (result.Removed.Count > 0) text += $"\nremoved: {string.Join(", ", result.Removed)}";
            return ToolResults.Success(text, new ProcessActionOutput("scaled", detail, detail.Members), McpJsonContext.Default.ProcessActionOutput);
        }, cancellationToken);

    private async Task<CallToolResult> RollingAsync(string name, CancellationToken ct)
    {
        var result = await _gateway.CallAsync((c, t) => c.RollingRestartAsync([name], t), retryable: false, ct);
        var detail = await _gateway.CallAsync((c, t) => c.StatusAsync(name, t), retryable: true, ct);
        var text = $"reloaded without downtime: {(result.Replaced.Count == 0 ? "none" : string.Join(", ", result.Replaced))}";
        if (result.Restarted.Count > 0) text += $"\nrestarted (not zero-downtime): {string.Join(", ", result.Restarted)}";
        if (result.Unchanged.Count > 0) text += $"\nnot running, left alone: {string.Join(", ", result.Unchanged)}";
        foreach (var warning in result.Warnings) text += $"\nwarning: {warning}";
        return ToolResults.Success(text, new ProcessActionOutput("reloaded", detail, detail.Members), McpJsonContext.Default.ProcessActionOutput);
    }

    private async Task<CallToolResult> StartExistingAsync(string? name, int? port, string? cwd, Dictionary<string, string>? env, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ToolInputException("Give `name` to start an existing instance, or `command` (an array such as [\"npm\", \"run\", \"dev\"]) to run something new.");
        if (port is not null || cwd is not null || env is { Count: > 0 })
            throw new ToolInputException($"`port`, `cwd` and `env` only apply with `command`; an existing instance ('{name}') runs as configured.");
        return await BulkAsync(name, (c, t, token) => c.StartAsync(t, token), "started", "already running", retryable: true, ct);
    }

    private async Task<CallToolResult> RunAsync(string[] command, string? name, int? port, string? cwd, Dictionary<string, string>? env, CancellationToken ct)
    {
        var directory = Path.GetFullPath(string.IsNullOrEmpty(cwd) ? "." : cwd, Environment.CurrentDirectory);
        if (!Directory.Exists(directory)) throw new ToolInputException($"cwd '{directory}' does not exist");
        var request = new RunParams(command, string.IsNullOrWhiteSpace(name) ? null : name, port, directory, env);
        var summary = await _gateway.CallAsync((c, t) => c.RunAsync(request, t), retryable: false, ct);
        var text = $"started {Texts.Summary(summary)}\nRead its output with get_process_logs name={summary.Id}; stop it with stop_process.";
        return ToolResults.Success(text, new ProcessActionOutput("started", summary), McpJsonContext.Default.ProcessActionOutput);
    }

    private delegate Task<BulkResult> BulkOperation(DaemonClient client, TargetParams targets, CancellationToken ct);

    private async Task<CallToolResult> BulkAsync(string name, BulkOperation operation, string doneAction, string unchangedAction, bool retryable, CancellationToken ct)
    {
        var result = await _gateway.CallAsync((c, t) => operation(c, new TargetParams([name]), t), retryable, ct);
        var done = result.Done.Count > 0;
        // The daemon resolved the name (numeric id, port, pid:N) to an id; report the instance as it is now.
        var id = result.Done.Concat(result.Unchanged).FirstOrDefault() ?? name;
        var detail = await _gateway.CallAsync((c, t) => c.StatusAsync(id, t), retryable: true, ct);
        var action = done ? doneAction : unchangedAction;
        var text = $"{action}: {Texts.Summary(detail)}";
        // "all" names every instance: say what happened to each of the others too.
        foreach (var other in result.Done.Skip(1)) text += $"\n{doneAction}: {other}";
        foreach (var other in result.Unchanged.Skip(result.Done.Count == 0 ? 1 : 0)) text += $"\n{unchangedAction}: {other}";
        if (detail.LastError is { } error && detail.State == "failed") text += $"\nlast error: {error}";
        foreach (var warning in result.Warnings ?? []) text += $"\nwarning: {warning.Message}";
        return ToolResults.Success(text, new ProcessActionOutput(action, detail), McpJsonContext.Default.ProcessActionOutput);
    }

    private Func<RpcErrorException, string?> RunHint(string[]? command) => ex =>
        ex.Code == RpcErrorCodes.MethodNotFound && command is { Length: > 0 }
            ? $"Meanwhile, add the command to {_gateway.Paths.ConfigPath} as `[instances.NAME] start_command = [...]`, run `svcmgr reload`, and start it with start_process name=NAME."
            : null;
}
