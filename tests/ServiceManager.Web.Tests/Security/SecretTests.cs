using System.Net.WebSockets;
using System.Text;

namespace ServiceManager.Web.Tests.Security;

/// <summary>Environment values of instances never leave over HTTP: every answer of every route is searched for them.</summary>
public sealed class SecretTests
{
    private static readonly string[] Secrets =
    [
        "envfile-secret-6c1f9a",   // from an env_file
        "envtable-secret-83d2b7",  // from an env table
        "template-secret-52e0c4",  // a leading NAME=value word of a template's start_command
        "instance-secret-19ab7f",  // a leading NAME=value word of an instance's start_command
    ];

    [Fact]
    public async Task No_answer_of_any_route_or_socket_contains_an_environment_value()
    {
        using var home = new TestHome();
        await File.WriteAllTextAsync(Path.Combine(home.Path, "app.env"), $"DB_PASSWORD={Secrets[0]}\nexport OTHER=\"{Secrets[0]}\"\n");
        home.WriteConfig($$"""
            [templates.api]
            start_command = "API_KEY={{Secrets[2]}} sleep 1000"
            env_file = "{config}/app.env"
            env = { SESSION_KEY = "{{Secrets[1]}}" }

            [instances.api-1]
            template = "api"
            auto_start = true

            [instances.solo]
            start_command = "SOLO_TOKEN='{{Secrets[3]}}' sleep 1000"
            env_file = "{config}/app.env"
            auto_start = true
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.WaitForStateAsync(daemon, "api-1", "running");
        await Instances.WaitForStateAsync(daemon, "solo", "running");
        await using var web = await WebProcess.StartAsync(home.Path);
        using var http = web.CreateClient();
        var answers = new StringBuilder();

        await using (var events = await WsClient.ConnectAsync(web.WebSocketUri("/ws")))
        await using (var logs = await WsClient.ConnectAsync(web.WebSocketUri("/ws/logs/solo?lines=500")))
        {
            foreach (var path in new[]
                     {
                         "/", "/app.js", "/app.css", "/login", "/openapi.json", "/metrics", "/api/health", "/api/templates",
                         "/api/templates/api", "/api/instances", "/api/instances/api-1", "/api/instances/solo", "/api/instances/1",
                         "/api/instances/api-1/logs?lines=500", "/api/instances/solo/logs?lines=500", "/api/metrics",
                     })
                answers.AppendLine(await Body(http, HttpMethod.Get, path));
            answers.AppendLine(await Body(http, HttpMethod.Post, "/api/instances/solo/restart"));
            answers.AppendLine(await Body(http, HttpMethod.Post, "/api/instances", """{"template": "api", "id": "api-2", "start": true}"""));
            answers.AppendLine(await Body(http, HttpMethod.Get, "/api/instances/api-2"));
            answers.AppendLine(await Body(http, HttpMethod.Post, "/api/reload"));

            // Events of the restart and the create went out meanwhile; a metrics cycle too.
            var frames = await events.ReceiveUntilAsync(e => WsClient.Is(e, "status_changed", "api-2") && WsClient.Text(e, "status") == "running",
                "api-2 running on /ws");
            frames.AddRange(await events.ReceiveUntilAsync(e => WsClient.Text(e, "type") == "metrics_updated", "a metrics cycle"));
            foreach (var frame in frames) answers.AppendLine(frame.GetRawText());
            var logFrames = await logs.ReceiveUntilAsync(e => WsClient.Text(e, "text").Contains("started", StringComparison.Ordinal), "solo's restart in its log");
            foreach (var frame in logFrames) answers.AppendLine(frame.GetRawText());
        }

        var everything = answers.ToString();
        everything.Should().Contain("DB_PASSWORD").And.Contain("<hidden>", "the variables are named, their values are not");
        foreach (var secret in Secrets) everything.Should().NotContain(secret);
    }

    private static async Task<string> Body(HttpClient http, HttpMethod method, string path, string? body = null)
    {
        var answer = await Json.SendAsync(http, method, path, body);
        ((int)answer.Status).Should().BeLessThan(500, $"{method} {path}: {answer}");
        return $"{method} {path} {(int)answer.Status}\n{string.Join("\n", answer.Headers.Select(h => $"{h.Key}: {string.Join(",", h.Value)}"))}\n{answer.Text}";
    }
}
