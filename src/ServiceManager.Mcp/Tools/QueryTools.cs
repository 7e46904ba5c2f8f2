using ServiceManager.Protocol.Client;
using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ServiceManager.Mcp.Tools.Outputs;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Mcp.Tools;

/// <summary>The read-only tools: what runs, how it is doing, what it printed, what can be created.</summary>
[McpServerToolType]
public sealed class QueryTools
{
    private const int MaxLines = 1000;
    private const int FilterWindow = 5000;
    private readonly DaemonGateway _gateway;

    public QueryTools(DaemonGateway gateway) => _gateway = gateway;

    [McpServerTool(Name = "list_processes", Title = "List managed processes", ReadOnly = true, Idempotent = true, Destructive = false,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ProcessListOutput))]
    [Description("List the processes (instances) svcmgr manages, with state, pid, port, uptime and restarts. " +
                 "Use this first to see what is already running before starting anything (e.g. a dev server on a port).")]
    public Task<CallToolResult> ListProcesses(
        [Description("Only instances of this template")] string? template = null,
        [Description("Only instances with this tag")] string? tag = null,
        [Description("Only instances in this state")] ProcessState? status = null,
        CancellationToken cancellationToken = default) =>
        ToolRun.RunAsync(_gateway, async ct =>
        {
            var filters = new ListParams(template, tag, status is { } s ? Wire.State(s) : null);
            var rows = await _gateway.CallAsync((c, t) => c.ListAsync(filters, t), retryable: true, ct);
            var filtered = template is not null || tag is not null || status is not null;
            return ToolResults.Success(Texts.List(rows, filtered), new ProcessListOutput(rows), McpJsonContext.Default.ProcessListOutput);
        }, cancellationToken);

    [McpServerTool(Name = "get_process_status", Title = "Show one process in detail", ReadOnly = true, Idempotent = true, Destructive = false,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(InstanceDetail))]
    [Description("Show one instance in detail: state, pid, port, command, working directory, restart policy, last exit, " +
                 "last error and recent state transitions. Use it to find out why a process stopped or keeps restarting.")]
    public Task<CallToolResult> GetProcessStatus(
        [Description(NameHelp.Description)] string name,
        CancellationToken cancellationToken = default) =>
        ToolRun.RunAsync(_gateway, async ct =>
        {
            var detail = await _gateway.CallAsync((c, t) => c.StatusAsync(name, t), retryable: true, ct);
            return ToolResults.Success(Texts.Detail(detail), detail, McpJsonContext.Default.InstanceDetail);
        }, cancellationToken);

    [McpServerTool(Name = "get_process_logs", Title = "Read process output", ReadOnly = true, Idempotent = true, Destructive = false,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(LogsOutput))]
    [Description("Read the most recent output lines of a process (stdout and stderr, with timestamps). svcmgr's own notes " +
                 "about the process (started, exited with code N, restarting) appear as stderr lines starting with [svcmgr].")]
    public Task<CallToolResult> GetProcessLogs(
        [Description(NameHelp.Description + "; omit for every instance, interleaved by time")] string? name = null,
        [Description("How many lines to return, newest last (1 to 1000)")] int lines = 50,
        [Description("Only this stream")] LogStream? stream = null,
        [Description("Only lines containing this text (case-insensitive); the newest 5000 lines are searched")] string? filter = null,
        CancellationToken cancellationToken = default) =>
        ToolRun.RunAsync(_gateway, async ct =>
        {
            if (lines is < 1 or > MaxLines) throw new ToolInputException($"lines must be between 1 and {MaxLines}; got {lines}");
            var filtering = !string.IsNullOrEmpty(filter);
            var request = new LogsParams(name is null ? null : [name], filtering ? FilterWindow : lines, false, stream is { } s ? Wire.Stream(s) : null);
            var result = await _gateway.CallAsync((c, t) => c.LogsAsync(request, t), retryable: true, ct);
            var matching = filtering ? result.Lines.Where(l => l.Text.Contains(filter!, StringComparison.OrdinalIgnoreCase)).TakeLast(lines).ToList() : result.Lines;
            var text = matching.Count == 0
                ? $"No {(filtering ? $"lines containing '{filter}' among the last {result.Lines.Count}" : "log lines")}" +
                  $"{(name is null ? "" : $" for {name}")}{(stream is null ? "" : $" on {Wire.Stream(stream.Value)}")}."
                : string.Join('\n', matching.Select(l => Texts.Log(l, withInstance: name is null)));
            return ToolResults.Success(text, new LogsOutput(matching, result.Lines.Count), McpJsonContext.Default.LogsOutput);
        }, cancellationToken);

    [McpServerTool(Name = "list_templates", Title = "List templates", ReadOnly = true, Idempotent = true, Destructive = false,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(TemplateListOutput))]
    [Description("List the service templates of the svcmgr config (blueprints such as \"web\" or \"db\") with their command, " +
                 "ports and existing instances. New instances of a template are made with create_instance.")]
    public Task<CallToolResult> ListTemplates(CancellationToken cancellationToken = default) =>
        ToolRun.RunAsync(_gateway, async ct =>
        {
            var templates = await _gateway.CallAsync((c, t) => c.TemplatesAsync(t), retryable: true, ct);
            var text = templates.Count == 0
                ? "No templates are configured; start_process with a command runs something without one."
                : string.Join('\n', templates.Select(Texts.Template));
            return ToolResults.Success(text, new TemplateListOutput(templates), McpJsonContext.Default.TemplateListOutput);
        }, cancellationToken);
}
