namespace ServiceManager.Web.Tests.Api;

/// <summary>One daemon and web server shared by the read-mostly API tests; tests that change things use instances of their own.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string Config = """
        [templates.worker]
        display_name = "Worker"
        description = "sleeps"
        category = "jobs"
        start_command = "API_KEY=template-secret-value sleep 1000"
        port_range = [47100, 47199]
        supports_multiple = true

        [instances.alpha]
        template = "worker"
        auto_start = true
        tags = ["core"]

        [instances.beta]
        start_command = ["/bin/sh", "-c", "echo out-line; echo err-line >&2; exec sleep 1000"]
        auto_start = true
        port = 47250
        tags = ["edge"]

        [instances.gamma]
        start_command = "sleep 1000"
        """;

    internal WebStack Stack { get; private set; } = null!;

    internal HttpClient Http => Stack.Http;

    public async Task InitializeAsync()
    {
        Stack = await WebStack.StartAsync(Config);
        await Instances.WaitForStateAsync(Stack.Daemon, "alpha", "running");
        await Instances.WaitForStateAsync(Stack.Daemon, "beta", "running");
    }

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}
