using ServiceManager.Config;
using ServiceManager.Protocol.Messages;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Rpc;

// Run-time instances: run (ad-hoc commands), create (from a template) and remove. The work is the coordinator's.
internal sealed partial class ServiceManagerRpcTarget
{
    public async Task<InstanceSummary> RunAsync(RunParams request, CancellationToken cancellationToken = default)
    {
        var (command, name, port, cwd, env, envFile) = request;
        if (command is not { Count: > 0 }) throw FleetException.InvalidRequest("\"command\" must be a non-empty array: the program and its arguments");
        if (cwd is not null && !Path.IsPathRooted(cwd)) throw FleetException.InvalidRequest($"\"cwd\" must be an absolute path, got \"{cwd}\"");
        if (envFile is not null && !Path.IsPathRooted(envFile)) throw FleetException.InvalidRequest($"\"envFile\" must be an absolute path, got \"{envFile}\"");

        var adHoc = new AdHocRequest(command, cwd ?? services.Config.Environment.GetValueOrDefault("HOME") ?? "/")
        {
            Name = name,
            Port = port,
            Environment = env ?? new Dictionary<string, string>(),
            EnvFile = envFile,
        };
        var snapshot = await services.Coordinator.RunAsync(adHoc, cancellationToken);
        return Summary(snapshot);
    }

    public async Task<InstanceSummary> CreateAsync(CreateParams request, CancellationToken cancellationToken = default)
    {
        var (template, id, port, start) = request;
        if (string.IsNullOrEmpty(template)) throw FleetException.InvalidRequest("\"template\" is required");
        var snapshot = await services.Coordinator.CreateAsync(template, id, port, start, cancellationToken);
        return Summary(snapshot);
    }

    public async Task<RemoveResult> RemoveAsync(NamesParams request, CancellationToken cancellationToken = default) =>
        new(await services.Coordinator.RemoveAsync(request.Names, cancellationToken));
}
