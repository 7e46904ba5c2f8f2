using ServiceManager.Protocol.Client;
using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ServiceManager.Mcp.Tools.Outputs;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Mcp.Tools;

/// <summary>Adding instances of templates and forgetting instances.</summary>
[McpServerToolType]
public sealed class InstanceTools
{
    private readonly DaemonGateway _gateway;

    public InstanceTools(DaemonGateway gateway) => _gateway = gateway;

    [McpServerTool(Name = "create_instance", Title = "Create an instance of a template", ReadOnly = false, Idempotent = false, Destructive = false,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(ProcessActionOutput))]
    [Description("Create a new instance of a configured template (see list_templates), e.g. a second web server on the next " +
                 "free port. It is stopped unless `start` is true.")]
    public Task<CallToolResult> CreateInstance(
        [Description("Template id, e.g. \"web\"")] string template,
        [Description("Id for the new instance (default: template id plus a number, e.g. \"web-3\")")] string? id = null,
        [Description("Port (default: the template's default port if free, else the next free one in its range)")] int? port = null,
        [Description("Start it right away")] bool start = false,
        CancellationToken cancellationToken = default) =>
        ToolRun.RunAsync(_gateway, async ct =>
        {
            var request = new CreateParams(template, string.IsNullOrWhiteSpace(id) ? null : id, port, start);
            var summary = await _gateway.CallAsync((c, t) => c.CreateAsync(request, t), retryable: false, ct);
            var text = $"created {Texts.Summary(summary)}" + (start ? "" : $"\nStart it with start_process name={summary.Id}.");
            return ToolResults.Success(text, new ProcessActionOutput("created", summary), McpJsonContext.Default.ProcessActionOutput);
        }, cancellationToken);

    [McpServerTool(Name = "remove_instance", Title = "Remove an instance", ReadOnly = false, Idempotent = true, Destructive = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(RemoveOutput))]
    [Description("Stop an instance and forget it (one created at run time by start_process with a command or by " +
                 "create_instance).")]
    public Task<CallToolResult> RemoveInstance(
        [Description(NameHelp.Description)] string name,
        CancellationToken cancellationToken = default) =>
        ToolRun.RunAsync(_gateway, async ct =>
        {
            var result = await _gateway.CallAsync((c, t) => c.RemoveAsync([name], t), retryable: false, ct);
            var text = result.Removed.Count == 0 ? "nothing removed" : $"removed {string.Join(", ", result.Removed)}";
            return ToolResults.Success(text, new RemoveOutput(result.Removed), McpJsonContext.Default.RemoveOutput);
        }, cancellationToken);
}
