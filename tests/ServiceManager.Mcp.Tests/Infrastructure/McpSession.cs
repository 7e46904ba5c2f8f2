using System.Text;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ServiceManager.Mcp.Tests.Infrastructure;

/// <summary>
/// The SDK's MCP client driving a real <c>dotnet svcmgr.dll mcp</c> subprocess over stdio, as an assistant would.
/// Disposing closes stdin, which ends the server.
/// </summary>
internal sealed class McpSession : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(1);
    private readonly StringBuilder _stderr;

    private McpSession(McpClient client, StringBuilder stderr)
    {
        Client = client;
        _stderr = stderr;
    }

    public McpClient Client { get; }

    /// <summary>What the server wrote to stderr (its log); shown when an assertion fails.</summary>
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public static Task<McpSession> StartAsync(string home, params string[] extraArgs) => StartInAsync(home, null, extraArgs);

    /// <param name="workingDirectory">Where the server runs (what a relative or missing <c>cwd</c> of start_process means).</param>
    public static async Task<McpSession> StartInAsync(string home, string? workingDirectory, params string[] extraArgs)
    {
        var stderr = new StringBuilder();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "svcmgr",
            Command = "dotnet",
            Arguments = [Svcmgr.Dll, "mcp", .. extraArgs],
            EnvironmentVariables = Svcmgr.Environment(home),
            WorkingDirectory = workingDirectory,
            StandardErrorLines = line => { lock (stderr) stderr.AppendLine(line); },
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        });
        using var timeout = new CancellationTokenSource(CallTimeout);
        var client = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
        return new McpSession(client, stderr);
    }

    public async Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?>? arguments = null)
    {
        using var timeout = new CancellationTokenSource(CallTimeout);
        return await Client.CallToolAsync(tool, arguments ?? [], cancellationToken: timeout.Token);
    }

    /// <summary>Calls a tool that must succeed; returns its structured content.</summary>
    public async Task<JsonElement> CallOkAsync(string tool, Dictionary<string, object?>? arguments = null)
    {
        var result = await CallAsync(tool, arguments);
        result.IsError.Should().NotBe(true, $"{tool} should succeed; it said: {Text(result)}\nserver stderr:\n{Stderr}");
        result.StructuredContent.Should().NotBeNull($"{tool} returns structured content");
        Text(result).Should().NotBeNullOrWhiteSpace($"{tool} also returns a human-readable text");
        return result.StructuredContent!.Value;
    }

    public static string Text(CallToolResult result) =>
        string.Join('\n', result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    public async ValueTask DisposeAsync() => await Client.DisposeAsync();
}
