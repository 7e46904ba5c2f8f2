using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ServiceManager.Mcp.Tools;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Mcp.Resources;

/// <summary>Read-only views for clients that attach context: the config file and each instance's recent log.</summary>
[McpServerResourceType]
public sealed class SvcmgrResources
{
    public const string ConfigUri = "svcmgr://config";
    public const string LogUriPrefix = "svcmgr://logs/";
    private const int LogLines = 200;
    private readonly DaemonGateway _gateway;

    public SvcmgrResources(DaemonGateway gateway) => _gateway = gateway;

    [McpServerResource(UriTemplate = ConfigUri, Name = "config", Title = "svcmgr config (services.toml)", MimeType = "application/toml")]
    [Description("The svcmgr configuration file: templates, instances, ports and commands.")]
    public async Task<TextResourceContents> Config(CancellationToken cancellationToken)
    {
        var path = _gateway.Paths.ConfigPath;
        var text = File.Exists(path)
            ? await File.ReadAllTextAsync(path, cancellationToken)
            : $"# There is no config file at {path}: no templates or configured instances.\n";
        return new TextResourceContents { Uri = ConfigUri, MimeType = "application/toml", Text = text };
    }

    [McpServerResource(UriTemplate = LogUriPrefix + "{instance}", Name = "log", Title = "Recent log of an instance", MimeType = "text/plain")]
    [Description("The newest 200 output lines of one instance (stdout and stderr, timestamped).")]
    public async Task<TextResourceContents> Log(
        [Description(NameHelp.Description)] string instance, CancellationToken cancellationToken)
    {
        LogsResult result;
        try
        {
            result = await _gateway.CallAsync((c, t) => c.LogsAsync(new LogsParams([instance], LogLines), t), retryable: true, cancellationToken);
        }
        catch (Exception ex) when (ex is RpcErrorException or DaemonUnreachableException or DaemonStartException)
        {
            // Resources have no error result of their own: a protocol error carrying the message is what clients show.
            throw new McpException(ex.Message, ex);
        }

        var text = result.Lines.Count == 0 ? $"(no output from {instance} yet)\n" : string.Join('\n', result.Lines.Select(l => Texts.Log(l, withInstance: false))) + "\n";
        return new TextResourceContents { Uri = LogUriPrefix + instance, MimeType = "text/plain", Text = text };
    }
}
