using System.Text.Json;
using ModelContextProtocol.Client;
using ServiceManager.Mcp.Tests.Infrastructure;

namespace ServiceManager.Mcp.Tests;

/// <summary>What an assistant sees when it connects: the server, its tools, their schemas and annotations.</summary>
public sealed class ToolDiscoveryTests
{
    private static readonly string[] ReadOnlyTools = ["list_processes", "get_process_status", "get_process_logs", "list_templates"];
    private static readonly string[] DestructiveTools = ["stop_process", "restart_process", "remove_instance", "scale_process"];

    [Fact]
    public async Task The_server_offers_every_tool_with_a_description_schemas_and_annotations()
    {
        using var home = new TestHome();
        await using var mcp = await McpSession.StartAsync(home.Path);

        mcp.Client.ServerInfo!.Name.Should().Be("svcmgr");
        mcp.Client.ServerInstructions.Should().Contain("start_process");
        var tools = (await mcp.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);

        tools.Keys.Should().BeEquivalentTo(
            "list_processes", "get_process_status", "start_process", "stop_process", "restart_process",
            "get_process_logs", "list_templates", "create_instance", "remove_instance", "scale_process");
        foreach (var (name, tool) in tools)
        {
            tool.Description.Should().NotBeNullOrWhiteSpace(name);
            tool.InputSchema.GetProperty("type").GetString().Should().Be("object", name);
            tool.OutputSchema.Should().NotBeNull($"{name} returns structured content");
            tool.OutputSchema!.Value.GetProperty("type").GetString().Should().Be("object", name);
            tool.Annotations.Should().NotBeNull(name);
            tool.Annotations!.ReadOnlyHint.Should().Be(ReadOnlyTools.Contains(name), $"{name} read-only hint");
            tool.Annotations.DestructiveHint.Should().Be(DestructiveTools.Contains(name), $"{name} destructive hint");
            tool.Annotations.OpenWorldHint.Should().BeFalse(name);
        }

        tools["stop_process"].Annotations!.IdempotentHint.Should().BeTrue();
        tools["list_processes"].Annotations!.IdempotentHint.Should().BeTrue();
        tools["start_process"].Annotations!.IdempotentHint.Should().BeFalse("each ad-hoc start creates an instance");
        Properties(tools["start_process"].InputSchema).Should().Contain(["name", "command", "port", "cwd", "env"]);
        Properties(tools["get_process_logs"].InputSchema).Should().Contain(["name", "lines", "stream", "filter"]);
        Properties(tools["list_processes"].InputSchema).Should().Contain(["template", "tag", "status"]);
        Required(tools["stop_process"].InputSchema).Should().Equal("name");
        Required(tools["create_instance"].InputSchema).Should().Equal("template");
        Properties(tools["restart_process"].InputSchema).Should().Contain(["name", "rolling"]);
        Required(tools["scale_process"].InputSchema).Should().BeEquivalentTo(["name", "count"]);
        var stream = tools["get_process_logs"].InputSchema.GetProperty("properties").GetProperty("stream");
        stream.GetProperty("enum").EnumerateArray().Select(v => v.ToString()).Should().Contain(["stdout", "stderr"]);
        Properties(tools["list_processes"].OutputSchema!.Value).Should().Equal("processes");
    }

    [Fact]
    public async Task The_config_and_each_instance_log_are_resources()
    {
        using var home = new TestHome();
        home.WriteConfig(Configs.Echo);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var mcp = await McpSession.StartAsync(home.Path);

        var resources = (await mcp.Client.ListResourcesAsync()).Select(r => r.Uri).ToList();
        resources.Should().Contain(["svcmgr://config", "svcmgr://logs/echo"]);
        var templates = await mcp.Client.ListResourceTemplatesAsync();
        templates.Select(t => t.UriTemplate).Should().Contain("svcmgr://logs/{instance}");

        var config = await mcp.Client.ReadResourceAsync("svcmgr://config");
        config.Contents.OfType<ModelContextProtocol.Protocol.TextResourceContents>().Single().Text.Should().Contain("[instances.echo]");

        await mcp.CallOkAsync("start_process", new() { ["name"] = "echo" });
        try
        {
            var log = await Eventually.GetAsync(
                async () => (await mcp.Client.ReadResourceAsync("svcmgr://logs/echo")).Contents.OfType<ModelContextProtocol.Protocol.TextResourceContents>().Single().Text,
                text => text.Contains("out tick", StringComparison.Ordinal), "'tick' in the log resource");
            log.Should().Contain("[svcmgr]");
        }
        finally
        {
            await mcp.CallAsync("stop_process", new() { ["name"] = "echo" });
        }

        var unknown = async () => await mcp.Client.ReadResourceAsync("svcmgr://logs/nope");
        (await unknown.Should().ThrowAsync<ModelContextProtocol.McpException>()).Which.Message.Should().Contain("no such instance 'nope'");
    }

    private static IEnumerable<string> Properties(JsonElement schema) =>
        schema.GetProperty("properties").EnumerateObject().Select(p => p.Name);

    private static IEnumerable<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(v => v.GetString()!) : [];
}
