using ServiceManager.Config;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Rpc;

// Run-time instances: run (ad-hoc commands), create (from a template) and remove. The work is the coordinator's.
internal sealed partial class ServiceManagerRpcTarget
{
    public async Task<InstanceSummary> RunAsync(IReadOnlyList<string> command, string? name = null, int? port = null, string? cwd = null, IReadOnlyDictionary<string, string>? env = null, string? envFile = null, CancellationToken cancellationToken = default)
    {
        if (command is not { Count: > 0 }) throw RpcFailure.InvalidParams("\"command\" must be a non-empty array: the program and its arguments");
        if (cwd is not null && !Path.IsPathRooted(cwd)) throw RpcFailure.InvalidParams($"\"cwd\" must be an absolute path, got \"{cwd}\"");
        if (envFile is not null && !Path.IsPathRooted(envFile)) throw RpcFailure.InvalidParams($"\"envFile\" must be an absolute path, got \"{envFile}\"");

        var request = new AdHocRequest(command, cwd ?? services.Config.Environment.GetValueOrDefault("HOME") ?? "/")
        {
            Name = name,
            Port = port,
            Environment = env ?? new Dictionary<string, string>(),
            EnvFile = envFile,
        };
        var snapshot = await services.Coordinator.RunAsync(request, cancellationToken);
        return Summary(snapshot);
    }

    public async Task<InstanceSummary> CreateAsync(string template, string? id = null, int? port = null, bool start = false, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(template)) throw RpcFailure.InvalidParams("\"template\" is required");
        var snapshot = await services.Coordinator.CreateAsync(template, id, port, start, cancellationToken);
        return Summary(snapshot);
    }

    public async Task<RemoveResult> RemoveAsync(IReadOnlyList<string> names, CancellationToken cancellationToken = default) =>
        new(await services.Coordinator.RemoveAsync(names, cancellationToken));
}
